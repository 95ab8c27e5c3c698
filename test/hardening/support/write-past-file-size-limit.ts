// Run in a child process under `ulimit -f` (RLIMIT_FSIZE): every write past the limit fails with
// EFBIG, as a full disk fails with ENOSPC. Works as root, where a read-only folder would not.
// Usage: node --import tsx write-past-file-size-limit.ts <runsRoot> <existingOutputFile>
// Prints one JSON line: the errors each write got.
import path from 'node:path';
import { writeFileAtomic } from '../../../bots/sdk/atomic-write';
import { RunStore } from '../../../jobs/runtime/run-store';

const [root, existing] = process.argv.slice(2) as [string, string];
const big = Buffer.alloc(256 * 1024, 'x');
const store = new RunStore(root);

async function errorOf(fn: () => Promise<unknown>): Promise<{ code?: string; message: string } | null> {
  try {
    await fn();
    return null;
  } catch (err) {
    return { code: (err as NodeJS.ErrnoException).code, message: (err as Error).message };
  }
}

const overwrite = await errorOf(() => writeFileAtomic(existing, big));
const staging = await store.createStaging('daily-ops-report', '2026-11-20', 2);
const newOutput = await errorOf(() => writeFileAtomic(path.join(staging, 'daily-ops-report-2026-11-20.xlsx'), big));
console.log(JSON.stringify({ overwrite, newOutput }));

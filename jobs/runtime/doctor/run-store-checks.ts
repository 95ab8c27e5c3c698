import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { readStoreMarker, recordedStore, mismatchOf, type StoreRecordRedis } from '../run-store';
import { fail, pass, type CheckResult } from './check-result';

/** The run store takes a file the way a run writes one (write beside, rename into place), and lets it go. */
export async function runStoreWritableCheck(root: string): Promise<CheckResult> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  const probe = path.join(root, `.doctor-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(`${probe}.tmp`, 'opsbot doctor', { mode: 0o600 });
    await rename(`${probe}.tmp`, probe);
  } finally {
    await rm(`${probe}.tmp`, { force: true });
    await rm(probe, { force: true });
  }
  return pass('run store writable', root);
}

/** This host's run store is the one Redis records for every worker (shared-run-store.ts). Reads only. */
export async function sharedRunStoreCheck(redis: Pick<StoreRecordRedis, 'get'>, coordinationPrefix: string, root: string): Promise<CheckResult> {
  const recorded = await recordedStore(redis, coordinationPrefix);
  const local = await readStoreMarker(root);
  const mismatch = mismatchOf(root, local, recorded);
  if (mismatch) return fail('run store shared', mismatch, 'mount the shared run store here and set OPSBOT_RUNS_DIR to it');
  if (!recorded) return pass('run store shared', `${root}; no worker has recorded a store yet (the first \`opsbot worker\` does)`);
  return pass('run store shared', `${root} is store ${recorded.id}, the one every worker uses (first seen at ${recorded.root} on ${recorded.host})`);
}

// The list of evidence screenshots rendered alongside the registry lookups (early-evidence.ts),
// read by the build (registry-evidence.ts): one `{ file, sha256 }` line per screenshot, written
// once it is complete, sha256 being that of the kept page it shows.

import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { readJsonlLines } from '../../../bots/sdk/jsonl-reader';
import { RUN_FILES } from './run-files';

/** Adds a finished screenshot to the list. */
export function listEarlyEvidence(runDir: string, file: string, sha256: string): Promise<void> {
  return appendFile(path.join(runDir, RUN_FILES.earlyEvidence), `${JSON.stringify({ file, sha256 })}\n`, { mode: 0o600 });
}

/** The screenshots rendered early, file → sha256 of the page each shows (none when there is no list). */
export async function readEarlyEvidence(runDir: string): Promise<Map<string, string>> {
  const done = new Map<string, string>();
  try {
    for await (const { value } of readJsonlLines(path.join(runDir, RUN_FILES.earlyEvidence))) {
      const entry = value as { file?: unknown; sha256?: unknown } | undefined;
      if (typeof entry?.file === 'string' && typeof entry.sha256 === 'string') done.set(entry.file, entry.sha256);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return done;
}


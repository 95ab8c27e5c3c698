// mismatches.json on disk: the previous run's keys (to mark each flag new or recurring) and this
// run's file, written atomically.
//
// Example:
//   const previous = await readPreviousMismatchKeys(previousRunDir && path.join(previousRunDir, 'mismatches.json'));
//   await writeMismatchesJson(path.join(out, 'mismatches.json'), buildMismatches(flags, previous));

import { readFile } from 'node:fs/promises';
import { writeJsonAtomic } from '../../../bots/sdk/atomic-write';
import type { Flag } from '../flag';
import { mismatchKey, type MismatchEntry } from './mismatches';

/**
 * Keys of the previous run's mismatches. No previous run (null path or no file) → empty set, so
 * every flag is new. A previous file that exists but cannot be read is an error, not "all new".
 */
export async function readPreviousMismatchKeys(file: string | null | undefined): Promise<Set<string>> {
  if (!file) return new Set();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected an array of mismatches`);
  const keys = new Set<string>();
  parsed.forEach((item: unknown, index) => {
    const entry = item as Partial<Flag> | null;
    if (typeof entry?.accountNo !== 'string' || typeof entry.field !== 'string') {
      throw new Error(`${file}: entry ${index} has no accountNo / field`);
    }
    keys.add(mismatchKey({ accountNo: entry.accountNo, field: entry.field }));
  });
  return keys;
}

export async function writeMismatchesJson(file: string, entries: MismatchEntry[]): Promise<void> {
  await writeJsonAtomic(file, entries);
}

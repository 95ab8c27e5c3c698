// mismatches.json: one object per flag, most severe first, each marked new or recurring against
// the previous run of the job (same account number and field).
//
// Example:
//   const previous = await readPreviousMismatchKeys(previousRunDir && path.join(previousRunDir, 'mismatches.json'));
//   await writeMismatchesJson(path.join(out, 'mismatches.json'), buildMismatches(flags, previous));

import { readFile } from 'node:fs/promises';
import type { Flag } from '../flag';
import { compareFlags } from '../flag';
import { writeJsonAtomic } from '../../../bots/sdk/atomic-write';

export type MismatchStatus = 'new' | 'recurring';
export type MismatchEntry = Flag & { status: MismatchStatus };

export function mismatchKey(flag: Pick<Flag, 'accountNo' | 'field'>): string {
  return `${flag.accountNo}\u0000${flag.field}`;
}

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

/** Keys in the spec's order, so the file reads the same as the spec. */
function entryOf(flag: Flag, status: MismatchStatus): MismatchEntry {
  const entry: MismatchEntry = {
    accountNo: flag.accountNo,
    uscc: flag.uscc,
    name: flag.name,
    field: flag.field,
    severity: flag.severity,
    bankValue: flag.bankValue,
    registryValue: flag.registryValue,
    rule: flag.rule,
    message: flag.message,
    status,
  };
  if (flag.similarity !== undefined) {
    const { status: _status, ...rest } = entry;
    return { ...rest, similarity: flag.similarity, status };
  }
  return entry;
}

export function buildMismatches(flags: Iterable<Flag>, previousKeys: ReadonlySet<string>): MismatchEntry[] {
  return [...flags].sort(compareFlags).map((flag) => entryOf(flag, previousKeys.has(mismatchKey(flag)) ? 'recurring' : 'new'));
}

export async function writeMismatchesJson(file: string, entries: MismatchEntry[]): Promise<void> {
  await writeJsonAtomic(file, entries);
}

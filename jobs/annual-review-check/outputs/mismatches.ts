// The entries of mismatches.json: one object per flag, most severe first, each marked new or
// recurring against the previous run of the job (same account number and field). Pure; the file
// is read and written by mismatches-file.ts.
//
// Example:
//   buildMismatches(flags, new Set([mismatchKey({ accountNo: '001', field: 'name' })]))

import type { Flag } from '../flag';
import { compareFlags } from '../flag';

export type MismatchStatus = 'new' | 'recurring';
export type MismatchEntry = Flag & { status: MismatchStatus };

export function mismatchKey(flag: Pick<Flag, 'accountNo' | 'field'>): string {
  return `${flag.accountNo}\u0000${flag.field}`;
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

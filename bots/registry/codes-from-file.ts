// The registry bot's alternative input: instead of a list of codes in the job payload (no record
// lists in payloads), a JSONL of accounts in the run folder, whose distinct codes are looked up.
// Which codes are worth a lookup is the job's judgement, handed over as data (a code shape): the
// bot applies no rule of any job.
//
// Example:
//   const codes = await codesFromFile(ctx.runDir, 'sources/annual-review.accounts.jsonl', { length: 18, alphabet: '0123456789ABCDEFGHJKLMNPQRTUWXY' });

import path from 'node:path';
import { ReviewAccountRecord } from '../records';
import { readJsonlLines } from '../sdk/jsonl-reader';
import { normaliseCode } from './parse';

/** A path the job gave, inside the run folder (never an absolute path or one climbing out of it). */
export function resolveInRunDir(runDir: string, relative: string): string {
  const resolved = path.resolve(runDir, relative);
  if (path.isAbsolute(relative) || !resolved.startsWith(path.resolve(runDir) + path.sep)) {
    throw new Error(`accountsFile ${JSON.stringify(relative)} must be a path inside the run folder`);
  }
  return resolved;
}

/** Codes of `length` characters, each one of `alphabet`. */
export interface CodeShape {
  length: number;
  alphabet: string;
}

const hasShape = (code: string, shape: CodeShape): boolean => code.length === shape.length && [...code].every((ch) => shape.alphabet.includes(ch));

/**
 * The distinct codes of the accounts in `accountsFile` (normalised, first-seen order) of the shape
 * `lookupOnly` (all codes when null). Lines that are not an account need no lookup: the job
 * reports them as input errors.
 */
export async function codesFromFile(runDir: string, accountsFile: string, lookupOnly: CodeShape | null): Promise<string[]> {
  const file = resolveInRunDir(runDir, accountsFile);
  const codes = new Set<string>();
  for await (const { value } of readJsonlLines(file)) {
    const parsed = ReviewAccountRecord.safeParse(value);
    if (!parsed.success) continue;
    const code = normaliseCode(parsed.data.uscc);
    if (code && (lookupOnly === null || hasShape(code, lookupOnly))) codes.add(code);
  }
  return [...codes];
}

// What one chunk of registry.company.jsonl adds to the lookup index: each line's answer, kept
// compact (only the fields the rules compare), or why the line is not an answer. The same code
// whether the file is read on the judging thread or on its own thread (registry-lookups.ts).
// Kept free of zod (and anything big): it is what the reading thread loads.

import type { RegistryChange, RegistryListEntry, RegistryLookupResult } from '../../../bots/records';
import type { ChangeEntry } from '../change-dates';
import { fieldOfChangeItem } from '../change-items';
import type { RegistryCompanyFields } from '../rules';
import { compactUscc } from '../uscc';
import type { JsonlLine } from '../../../bots/sdk/jsonl-reader';
import { packLookup, type StoredLookup } from './packed-lookup';
import { isLookupResultShape } from './record-shapes';

export interface LookupBatch {
  /** Compact codes, one per answer line, in file order. */
  keys: string[];
  /** The answers: packed strings (or the object when it cannot be packed), or objects when not packed. */
  answers: (string | StoredLookup)[];
  /** The file line of each answer. */
  lines: number[];
  /** Lines that are not a lookup result, named. */
  rejected: { line: number; error: string }[];
  /** Lines the cheap check is not sure of (no `schemaCheck` given): the schema decides on the judging thread. */
  unsure: JsonlLine[];
}

/** The schema's verdict on a line the cheap check is not sure of: the result, or why it is not one. */
export type SchemaCheck = (value: unknown) => RegistryLookupResult | string;

function storedOf(result: RegistryLookupResult): StoredLookup {
  if (result.outcome === 'notFound') return { lookup: { kind: 'notFound' }, evidence: undefined };
  if (result.outcome === 'failed') return { lookup: { kind: 'failed', error: result.error }, evidence: undefined };
  // What is kept per company: the compared fields, the changes that can date one, and the two
  // lists when the lookup read them (no registration data, no change a rule cannot use).
  const { uscc, name, legalRepresentative, registeredCapital, businessScope, address, status, operatingUntil, evidence } = result.company;
  const company: RegistryCompanyFields = { uscc, name, legalRepresentative, registeredCapital, businessScope, address, status, operatingUntil };
  const changes = datingChanges(result.company.changes);
  if (changes.length > 0) company.changes = changes;
  if (result.company.abnormalOperations !== undefined) company.abnormalOperations = result.company.abnormalOperations.map(listingOf);
  if (result.company.seriousViolations !== undefined) company.seriousViolations = result.company.seriousViolations.map(listingOf);
  return { lookup: { kind: 'found', company }, evidence: evidence || undefined };
}

/** A list entry with the record's keys only (a line the cheap check passed may carry others). */
function listingOf({ listedOn, reason, authority, removedOn, removalReason }: RegistryListEntry): RegistryListEntry {
  const entry: RegistryListEntry = { listedOn, reason, authority };
  if (removedOn !== undefined) entry.removedOn = removedOn;
  if (removalReason !== undefined) entry.removalReason = removalReason;
  return entry;
}

/** The changes of the fields the rules date, without their `before` (no rule reads it). */
function datingChanges(changes: readonly RegistryChange[]): ChangeEntry[] {
  const kept: ChangeEntry[] = [];
  for (const { date, item, after } of changes) if (fieldOfChangeItem(item) !== undefined) kept.push({ date, item, after });
  return kept;
}

/**
 * The chunk's answers, packed as strings or not. A line the cheap structural check is not sure of
 * goes to `schemaCheck`, or (none given) to `unsure`.
 */
export function lookupBatchOf(lines: JsonlLine[], pack: boolean, schemaCheck: SchemaCheck | null): LookupBatch {
  const batch: LookupBatch = { keys: [], answers: [], lines: [], rejected: [], unsure: [] };
  for (const line of lines) {
    if (line.error !== undefined) {
      batch.rejected.push({ line: line.line, error: line.error });
      continue;
    }
    let result: RegistryLookupResult | string;
    if (isLookupResultShape(line.value)) result = line.value;
    else if (schemaCheck) result = schemaCheck(line.value);
    else {
      batch.unsure.push(line);
      continue;
    }
    if (typeof result === 'string') {
      batch.rejected.push({ line: line.line, error: result });
      continue;
    }
    const stored = storedOf(result);
    batch.keys.push(compactUscc(result.uscc));
    batch.answers.push(pack ? (packLookup(stored) ?? stored) : stored);
    batch.lines.push(line.line);
  }
  return batch;
}

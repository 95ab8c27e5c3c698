// The registry bot's answers (RegistryLookupResult lines), keyed by USCC, kept compact: one Map
// entry per distinct company holding only the fields the rules compare (about 0.5 KB each, so ~50 MB for 100,000 companies;
// beyond that the lookups would have to be joined on disk instead).
//
// Example:
//   const index = await loadRegistryLookups(path.join(runDir, 'sources/registry.company.jsonl'));
//   judgeAccount(account, index.lookupFor(account.uscc), reviewDate);

import { RegistryLookupResult } from '../../../bots/records';
import type { RegistryCompanyFields, RegistryLookup } from '../rules';
import { compactUscc } from '../uscc';
import { readJsonlBatches, type JsonlLine } from './jsonl';
import { isLookupResultShape } from './record-shapes';

export interface LookupIndex {
  /** The lookup for a code (any spacing / case), or a failed one saying no answer was recorded. */
  lookupFor(uscc: string): RegistryLookup;
  /** Screenshot of the registry page the bot saw, relative to the run folder. */
  evidenceFor(uscc: string): string | undefined;
  size: number;
  /** Lines of the file that were not a lookup result (named, never silently dropped). */
  rejected: { line: number; error: string }[];
}

/** A source that failed as a whole: every lookup is `failed` with the source's error. */
export function failedLookups(error: string): LookupIndex {
  const failed: RegistryLookup = { kind: 'failed', error };
  return {
    lookupFor: () => failed,
    evidenceFor: () => undefined,
    size: 0,
    rejected: [],
  };
}

const MAX_REJECTED_KEPT = 20;

/** The rules never change a lookup, so one answer object per code is handed to every account. */
const NO_ANSWER: RegistryLookup = { kind: 'failed', error: '登记系统未返回该代码的查询结果' };

/** One code's answer and the screenshot of the page it came from (one Map entry serves both). */
interface Stored {
  lookup: RegistryLookup;
  evidence: string | undefined;
}

function storedLookup(result: RegistryLookupResult, previous: Stored | undefined): Stored {
  // A later line without a screenshot keeps the one an earlier line for the code had.
  const kept = previous?.evidence;
  if (result.outcome === 'notFound') return { lookup: { kind: 'notFound' }, evidence: kept };
  if (result.outcome === 'failed') return { lookup: { kind: 'failed', error: result.error }, evidence: kept };
  // What is kept per company: the compared fields only (no change history, no registration data).
  const { uscc, name, legalRepresentative, registeredCapital, businessScope, address, status, operatingUntil, evidence } = result.company;
  const company: RegistryCompanyFields = { uscc, name, legalRepresentative, registeredCapital, businessScope, address, status, operatingUntil };
  return { lookup: { kind: 'found', company }, evidence: evidence || kept };
}

/** The line as a lookup result (zod is asked only when the cheap check is not sure), or why not. */
function lookupResultOf({ value, error }: JsonlLine): RegistryLookupResult | string {
  if (error !== undefined) return error;
  if (isLookupResultShape(value)) return value;
  const parsed = RegistryLookupResult.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.') || '(记录)'}: ${issue?.message ?? '格式错误'}`;
}

export async function loadRegistryLookups(file: string): Promise<LookupIndex> {
  const lookups = new Map<string, Stored>();
  const rejected: { line: number; error: string }[] = [];
  for await (const batch of readJsonlBatches(file)) {
    for (const line of batch) {
      const result = lookupResultOf(line);
      if (typeof result === 'string') {
        if (rejected.length < MAX_REJECTED_KEPT) rejected.push({ line: line.line, error: result });
        continue;
      }
      const key = compactUscc(result.uscc);
      lookups.set(key, storedLookup(result, lookups.get(key)));
    }
  }
  return {
    lookupFor: (uscc) => lookups.get(compactUscc(uscc))?.lookup ?? NO_ANSWER,
    evidenceFor: (uscc) => lookups.get(compactUscc(uscc))?.evidence,
    get size() {
      return lookups.size;
    },
    rejected,
  };
}

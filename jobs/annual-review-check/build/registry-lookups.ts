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
import { readJsonlBatches } from './jsonl';
import { quickLookupResult } from './record-shapes';

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

function storedLookup(result: RegistryLookupResult): RegistryLookup {
  if (result.outcome === 'notFound') return { kind: 'notFound' };
  if (result.outcome === 'failed') return { kind: 'failed', error: result.error };
  // What is kept per company: the compared fields only (no change history, no registration data).
  const { uscc, name, legalRepresentative, registeredCapital, businessScope, address, status, operatingUntil } = result.company;
  const company: RegistryCompanyFields = { uscc, name, legalRepresentative, registeredCapital, businessScope, address, status, operatingUntil };
  return { kind: 'found', company };
}

export async function loadRegistryLookups(file: string): Promise<LookupIndex> {
  const lookups = new Map<string, RegistryLookup>();
  const evidence = new Map<string, string>();
  const rejected: { line: number; error: string }[] = [];
  for await (const batch of readJsonlBatches(file)) {
    for (const { line, value, error } of batch) {
      let result = error === undefined ? quickLookupResult(value) : null;
      if (!result && error === undefined) {
        const parsed = RegistryLookupResult.safeParse(value);
        if (parsed.success) result = parsed.data;
        else if (rejected.length < MAX_REJECTED_KEPT) {
          const issue = parsed.error.issues[0];
          rejected.push({ line, error: `${issue?.path.join('.') || '(记录)'}: ${issue?.message ?? '格式错误'}` });
        }
      } else if (!result && rejected.length < MAX_REJECTED_KEPT) {
        rejected.push({ line, error: error ?? '格式错误' });
      }
      if (!result) continue;
      const key = compactUscc(result.uscc);
      lookups.set(key, storedLookup(result));
      if (result.outcome === 'found' && result.company.evidence) evidence.set(key, result.company.evidence);
    }
  }
  return {
    lookupFor: (uscc) => lookups.get(compactUscc(uscc)) ?? NO_ANSWER,
    evidenceFor: (uscc) => evidence.get(compactUscc(uscc)),
    get size() {
      return lookups.size;
    },
    rejected,
  };
}

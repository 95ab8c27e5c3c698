// The registry bot's answers (RegistryLookupResult lines), keyed by USCC, kept compact: one Map
// entry per distinct company holding only the fields the rules compare (about 0.5 KB each, so ~50 MB for 100,000 companies;
// beyond that the lookups would have to be joined on disk instead).
//
// Example:
//   const index = await loadRegistryLookups(path.join(runDir, 'sources/registry.company.jsonl'));
//   judgeAccount(account, index.lookupFor(account.uscc), reviewDate);

import { RegistryLookupResult, type RegistryCompanyRecord } from '../../../bots/records';
import type { RegistryLookup } from '../rules';
import { compactUscc } from '../uscc';
import { readJsonlLines } from './jsonl';

/** What is kept per company: the compared fields only (no change history, no registration data). */
type CompactCompany = Pick<
  RegistryCompanyRecord,
  'uscc' | 'name' | 'legalRepresentative' | 'registeredCapital' | 'businessScope' | 'address' | 'status' | 'operatingUntil'
>;

type StoredLookup = { kind: 'found'; company: CompactCompany } | { kind: 'notFound' } | { kind: 'failed'; error: string };

export interface LookupIndex {
  /** The lookup for a code (any spacing / case), or a failed one saying no answer was recorded. */
  lookupFor(uscc: string): RegistryLookup;
  /** Screenshot of the registry page the bot saw, relative to the run folder. */
  evidenceFor(uscc: string): string | undefined;
  size: number;
  /** Lines of the file that were not a lookup result (named, never silently dropped). */
  rejected: { line: number; error: string }[];
}

function expand(company: CompactCompany): RegistryCompanyRecord {
  return { ...company, registeredDate: '', companyType: '', province: '', region: '', authority: '', changes: [] };
}

function toLookup(stored: StoredLookup | undefined, missingReason: string): RegistryLookup {
  if (!stored) return { kind: 'failed', error: missingReason };
  if (stored.kind === 'found') return { kind: 'found', company: expand(stored.company) };
  return stored;
}

/** A source that failed as a whole: every lookup is `failed` with the source's error. */
export function failedLookups(error: string): LookupIndex {
  return {
    lookupFor: () => ({ kind: 'failed', error }),
    evidenceFor: () => undefined,
    size: 0,
    rejected: [],
  };
}

const MAX_REJECTED_KEPT = 20;

export async function loadRegistryLookups(file: string): Promise<LookupIndex> {
  const lookups = new Map<string, StoredLookup>();
  const evidence = new Map<string, string>();
  const rejected: { line: number; error: string }[] = [];
  for await (const { line, value, error } of readJsonlLines(file)) {
    const parsed = error === undefined ? RegistryLookupResult.safeParse(value) : null;
    if (!parsed?.success) {
      const issue = parsed?.error.issues[0];
      if (rejected.length < MAX_REJECTED_KEPT) rejected.push({ line, error: error ?? `${issue?.path.join('.') || '(记录)'}: ${issue?.message ?? '格式错误'}` });
      continue;
    }
    const result = parsed.data;
    const key = compactUscc(result.uscc);
    if (result.outcome === 'found') {
      const { uscc, name, legalRepresentative, registeredCapital, businessScope, address, status, operatingUntil } = result.company;
      lookups.set(key, { kind: 'found', company: { uscc, name, legalRepresentative, registeredCapital, businessScope, address, status, operatingUntil } });
      if (result.company.evidence) evidence.set(key, result.company.evidence);
    } else if (result.outcome === 'notFound') {
      lookups.set(key, { kind: 'notFound' });
    } else {
      lookups.set(key, { kind: 'failed', error: result.error });
    }
  }
  return {
    lookupFor: (uscc) => toLookup(lookups.get(compactUscc(uscc)), '登记系统未返回该代码的查询结果'),
    evidenceFor: (uscc) => evidence.get(compactUscc(uscc)),
    get size() {
      return lookups.size;
    },
    rejected,
  };
}

// The registry benchmark's work: N codes of the generated large registry, and what a correct
// lookup of each must give (so a contender that skipped work or misread pages is caught).

import { createHash } from 'node:crypto';
import type { RegistryLookupResult } from '../../../bots/records';
import { registryCompanyAt, registryListsAt } from '../../../fixtures/generator/registry-companies';
import { buildWorld, type World } from '../../../fixtures/generator/world';

export interface LookupSummary {
  lookups: number;
  found: number;
  changeRows: number;
  /** Entries of 经营异常信息 and 严重违法失信信息 over the found companies (read from the tab pages); absent in figures kept before it was counted. */
  listEntries?: number;
  /** sha256 over every found company's code, name, legal representative, change and list-entry counts, in code order. */
  digest: string;
}

export function registryWorld(seed: number): World {
  return buildWorld(seed, 'large');
}

/** Companies spread over the registry (every 50th), not its first few hundred. */
export function lookupCodes(world: World, count: number): string[] {
  return Array.from({ length: count }, (_, i) => registryCompanyAt(world, i * 50).uscc);
}

/**
 * The summary every contender must reproduce for `count` codes; `withLists` false for the
 * contenders that render every page, which read search and detail only (no record tab's pages).
 */
export function expectedSummary(world: World, count: number, withLists = true): LookupSummary {
  const results: RegistryLookupResult[] = Array.from({ length: count }, (_, i) => {
    const company = registryCompanyAt(world, i * 50);
    return { uscc: company.uscc, outcome: 'found', company: withLists ? { ...company, ...registryListsAt(world, i * 50, company) } : company };
  });
  return summarise(results);
}

export function summarise(results: Iterable<RegistryLookupResult>): LookupSummary {
  const found: string[] = [];
  let lookups = 0;
  let changeRows = 0;
  let listEntries = 0;
  for (const r of results) {
    lookups++;
    if (r.outcome !== 'found') continue;
    changeRows += r.company.changes.length;
    listEntries += (r.company.abnormalOperations?.length ?? 0) + (r.company.seriousViolations?.length ?? 0);
    found.push([r.company.uscc, r.company.name, r.company.legalRepresentative, r.company.changes.length, r.company.abnormalOperations?.length ?? 0, r.company.seriousViolations?.length ?? 0].join('|'));
  }
  found.sort();
  return { lookups, found: found.length, changeRows, listEntries, digest: createHash('sha256').update(found.join('\n')).digest('hex') };
}

// The companies the annual-review benchmark reviews, with record tabs like the real registry's.
//
// The generated registry keeps its long 变更记录 (two or three pages on the tab) off the companies
// under review (registry-companies.ts, `longHistoriesFrom`): its answer keys and golden runs are
// built on that. Its lists (经营异常名录, 严重违法失信名单, the chronic late filer's two pages) are on
// reviewed companies already. So the benchmark, which judges speed and not answers, gives a share
// of the reviewed companies a long history here, the way the generator gives it to the others
// (same share, same history maker): then the registry bot follows tab pages during the run as it
// does on real data, and the requests a lookup costs are the real ones.

import type { RegistryCompanyRecord } from '../../../bots/records';
import { registryAnomalyAt } from '../../../fixtures/generator/registry-companies';
import type { RegistryDataset } from '../../../fixtures/generator/registry-dataset';
import { longHistory } from '../../../fixtures/generator/registry-long-history';
import { indexOfUscc } from '../../../fixtures/generator/registry-uscc';
import { generatedReviewSource, type ReviewSource } from '../../../fixtures/generator/review-accounts';
import { chance, rngFor } from '../../../fixtures/generator/rng';
import type { World } from '../../../fixtures/generator/world';

/** The share of companies with a long 变更记录: the generator's own rate for companies without an account. */
export const BENCH_LONG_HISTORY_RATE = 0.1;

/**
 * The generated review source, its reviewed companies given long histories at BENCH_LONG_HISTORY_RATE
 * (a pure function of seed and index; companies with a planned anomaly keep their dated changes).
 * The bank side is unchanged: a history ends in the company's current values.
 */
export function benchReviewSource(world: World): ReviewSource {
  const source = generatedReviewSource(world);
  const registry = source.registry;
  const withHistory = (company: RegistryCompanyRecord): RegistryCompanyRecord => {
    const index = indexOfUscc(world.seed, company.uscc);
    if (index === undefined || index >= world.size.reviewAccounts || registryAnomalyAt(world, index) !== undefined) return company;
    const rng = rngFor(world.seed, world.scale, 'bench-long-history', index);
    return chance(rng, BENCH_LONG_HISTORY_RATE) ? { ...company, changes: longHistory(rng, company) } : company;
  };
  const dataset: RegistryDataset = {
    ...registry,
    origin: `${registry.origin}, reviewed companies with long histories at ${BENCH_LONG_HISTORY_RATE}`,
    byCode: (code) => {
      const company = registry.byCode(code);
      return company && withHistory(company);
    },
    searchByName: (text, limit) => registry.searchByName(text, limit).map(withHistory),
    *all() {
      for (const company of registry.all()) yield withHistory(company);
    },
  };
  return {
    ...source,
    registry: dataset,
    *companies() {
      for (const company of source.companies()) yield withHistory(company);
    },
  };
}

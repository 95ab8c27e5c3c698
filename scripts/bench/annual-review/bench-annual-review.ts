// Issue 7's scale figure: the annual-review check on N accounts (10,000 by default) against the
// fixture registry with its DEFAULT habits (20 requests/s, then 429 with Retry-After; a busy page
// now and then), through the job as `opsbot run annual-review-check` runs it: accounts bot →
// registry bot → rules → outputs. Redis and the two portals run here; the worker in a child,
// whose process tree (node + Chromium) is what is measured.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createAnnualReviewPortal } from '../../../fixtures/portals/annual-review/server';
import { createRegistryPortal, REGISTRY_DEFAULT_FAULTS } from '../../../fixtures/portals/registry/server';
import { startEmbeddedRedis } from '../../../jobs/runtime/redis';
import { REVIEW_DATE, worldOf } from '../engine/dataset';
import { runChild } from '../run-child';
import type { AnnualReviewResult } from './annual-review-task';
import { BENCH_LONG_HISTORY_RATE, benchReviewSource } from './bench-review-source';
import { countRegistryRequests, type RegistryRequests } from './registry-requests';

export interface AnnualReviewFigure extends AnnualReviewResult {
  peakRssMb: number;
  peakPssMb: number;
  treeCpuMs: number;
  cpuByKind: Record<string, { cpuMs: number; processes: number }>;
  /** The registry's limits during the run. */
  registryLimit: { rateLimitPerSecond: number; busyRate: number };
  /** What the registry was asked during the run (its own count). */
  registryRequests?: RegistryRequests;
  /** Share of the reviewed companies whose 变更记录 runs over several tab pages (bench-review-source.ts). */
  longHistoryRate?: number;
  /**
   * The floor the rate limit sets: the pages the registry served (every lookup's search, detail
   * and tab pages: lookups × requests per lookup) ÷ its allowed rate, ms; and the run's wall ÷ it.
   */
  floorMs?: number;
  floorRatio?: number;
}

export async function benchAnnualReview(opts: { accounts: number; seed?: number; log?: (line: string) => void }): Promise<AnnualReviewFigure> {
  const log = opts.log ?? console.log;
  const world = worldOf(opts.seed ?? 42, opts.accounts);
  const source = benchReviewSource(world);
  const varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-bench-annual-review-'));
  const redis = await startEmbeddedRedis(path.join(varDir, 'redis'));
  const login = { username: 'ops01', password: randomBytes(9).toString('base64url') };
  const accountsPortal = createAnnualReviewPortal(world, login, source);
  // The registry exactly as `--with-fixtures` serves it: its default rate limit and busy pages.
  const registry = createRegistryPortal({ dataset: source.registry, seed: world.seed });
  const requests = countRegistryRequests(registry);
  try {
    const portals = {
      'annual-review': { url: await accountsPortal.listen(0), ...login },
      registry: { url: await registry.listen(0) },
    };
    const registryLimit = { rateLimitPerSecond: registry.faults.settings.rateLimitPerSecond, busyRate: registry.faults.settings.busyRate };
    if (registryLimit.rateLimitPerSecond !== REGISTRY_DEFAULT_FAULTS.rateLimitPerSecond) throw new Error('the registry must run at its default rate limit');
    log(`annual-review: ${opts.accounts} accounts, registry at ${registryLimit.rateLimitPerSecond} req/s (busy ${registryLimit.busyRate}) ...`);
    const run = await runChild<AnnualReviewResult>('annual-review', { varDir, redisUrl: redis.url, portals, date: REVIEW_DATE, accounts: opts.accounts, sampleEverySec: 5 }, { timeoutMs: 3 * 60 * 60_000 });
    const registryRequests = requests.snapshot();
    const floorMs = (registryRequests.served / registryLimit.rateLimitPerSecond) * 1000;
    const floorRatio = run.result.wallMs / floorMs;
    const figure: AnnualReviewFigure = {
      ...run.result, peakRssMb: run.peakRssMb, peakPssMb: run.peakPssMb, treeCpuMs: run.cpuMs, cpuByKind: run.cpuByKind, registryLimit,
      registryRequests, longHistoryRate: BENCH_LONG_HISTORY_RATE, floorMs, floorRatio,
    };
    log(`  ${figure.status} in ${(figure.wallMs / 1000).toFixed(1)} s, peak RSS ${figure.peakRssMb.toFixed(0)} MB (PSS ${figure.peakPssMb.toFixed(0)} MB), ${figure.evidenceFiles} evidence screenshots`);
    log(`  registry served ${registryRequests.served} pages (refused ${registryRequests.refused}, busy ${registryRequests.busy}): floor ${(floorMs / 1000).toFixed(1)} s, wall / floor ${floorRatio.toFixed(3)}`);
    return figure;
  } finally {
    await accountsPortal.close();
    await registry.close();
    await redis.stop();
    rmSync(varDir, { recursive: true, force: true });
  }
}

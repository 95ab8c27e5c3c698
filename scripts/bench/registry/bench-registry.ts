// Registry lookups side by side in one run: the same fixture registry (served from this process,
// so its own CPU and memory are not counted against any contender), rate limit and busy pages
// off, the same codes, the same concurrency; each contender in its own child process.
//
// The contenders that read over HTTP (opsbot, CheerioCrawler, raw HTTP) are cheap: they run
// `rounds` times, alternating (each round in another order), and their figures are medians, so a
// burst of load from another process on this shared machine does not decide a ratio. The two
// that render every page (PlaywrightCrawler, bare Playwright) cost minutes of both cores: they run
// once, on the first `browserLookups` codes; rates and CPU are per lookup, so they compare.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatedRegistry } from '../../../fixtures/generator/registry-companies';
import { createRegistryPortal } from '../../../fixtures/portals/registry/server';
import { parseConfig } from '../../../jobs/runtime/config';
import { runChild, type ChildRun } from '../run-child';
import { expectedSummary, lookupCodes, registryWorld, type LookupSummary } from './lookup-set';
import type { RegistryContenderId, RegistryContenderResult } from './registry-result';

/** One run of one contender, as measured from outside (its process tree). */
export interface RegistryRound {
  wallMs: number;
  /** CPU of the whole process tree (node + Chromium), ms. */
  treeCpuMs: number;
  /** Requests the fixture registry answered for this round, by kind (search, detail, tab, other); absent in figures kept before it was counted. */
  requests?: Record<string, number>;
}

export interface RegistryFigure extends RegistryContenderResult {
  /** Lookups this contender made (fewer than the section's for the contenders that render every page). */
  lookups: number;
  /** How the doc names it. */
  label: string;
  lookupsPerSecond: number;
  peakRssMb: number;
  peakPssMb: number;
  /** CPU of the whole process tree (node + Chromium), ms: the median of the rounds. */
  treeCpuMs: number;
  cpuByKind: Record<string, { cpuMs: number; processes: number }>;
  /** Every round, in the order run; wallMs and treeCpuMs above are their medians, the peaks their highest. */
  rounds: RegistryRound[];
}

export interface RegistryBench {
  lookups: number;
  /** Lookups of each contender that renders every page. */
  browserLookups: number;
  /** Rounds of each contender that reads over HTTP. */
  rounds: number;
  concurrency: number;
  expected: LookupSummary;
  figures: RegistryFigure[];
}

export interface Contender {
  id: RegistryContenderId;
  task: string;
  label: string;
  rendersEveryPage: boolean;
}

export const REGISTRY_CONTENDERS: readonly Contender[] = [
  { id: 'opsbot', task: 'registry-opsbot', label: 'opsbot', rendersEveryPage: false },
  { id: 'crawlee-cheerio', task: 'registry-crawlee-cheerio', label: 'Crawlee CheerioCrawler', rendersEveryPage: false },
  { id: 'raw-http', task: 'registry-raw-http', label: 'raw HTTP (fetch + node-html-parser)', rendersEveryPage: false },
  { id: 'crawlee-playwright', task: 'registry-crawlee-playwright', label: 'Crawlee PlaywrightCrawler (renders every page)', rendersEveryPage: true },
  { id: 'playwright-bare', task: 'registry-playwright-bare', label: 'bare Playwright (renders every page, no checks)', rendersEveryPage: true },
];

/** Lookups of a contender that renders every page: 2,000 took PlaywrightCrawler 20 min of both cores. */
export const BROWSER_LOOKUPS = 200;
/** Rounds of the contenders that read over HTTP (seconds each). */
export const HTTP_ROUNDS = 3;

export interface RegistryBenchOptions {
  lookups: number;
  /** Default BROWSER_LOOKUPS. */
  browserLookups?: number;
  /** Default HTTP_ROUNDS. */
  rounds?: number;
  concurrency: number;
  seed?: number;
  /** Only these contenders (all when absent): for trying one out, not for the doc's figures. */
  only?: RegistryContenderId[];
  log?: (line: string) => void;
}

export async function benchRegistry(opts: RegistryBenchOptions): Promise<RegistryBench> {
  const log = opts.log ?? console.log;
  const world = registryWorld(opts.seed ?? 42);
  const browserLookups = Math.min(opts.browserLookups ?? BROWSER_LOOKUPS, opts.lookups);
  const rounds = opts.rounds ?? HTTP_ROUNDS;
  const codes = lookupCodes(world, opts.lookups);
  // Read once here and handed to each child, as the worker is handed its config.
  const { chromiumPath } = parseConfig();
  const portal = createRegistryPortal({ dataset: generatedRegistry(world), seed: world.seed });
  const baseUrl = await portal.listen(0);
  portal.faults.set({ rateLimitPerSecond: 0, busyRate: 0 });
  // Every contender must read the same pages: the registry counts what it answered, per round.
  let requests: Record<string, number> = {};
  portal.app.use((req) => {
    const kind = req.path === '/search' ? 'search' : req.path === '/company/detail' ? 'detail' : req.path.startsWith('/company/') ? 'tab' : 'other';
    requests[kind] = (requests[kind] ?? 0) + 1;
    return false;
  });
  const chosen = REGISTRY_CONTENDERS.filter((c) => !opts.only || opts.only.includes(c.id));
  const runs = new Map<RegistryContenderId, { run: ChildRun<RegistryContenderResult>; requests: Record<string, number> }[]>();
  const runOnce = async (c: Contender, lookups: number): Promise<void> => {
    const dir = mkdtempSync(path.join(os.tmpdir(), `opsbot-bench-${c.task}-`));
    try {
      log(`registry: ${c.label}, ${lookups} lookups, concurrency ${opts.concurrency} ...`);
      requests = {};
      const run = await runChild<RegistryContenderResult>(c.task, { baseUrl, codes: codes.slice(0, lookups), concurrency: opts.concurrency, dir, chromiumPath });
      const expected = expectedSummary(world, lookups, !c.rendersEveryPage);
      if (JSON.stringify(run.result.summary) !== JSON.stringify(expected)) {
        throw new Error(`${c.id} did not return the registry's companies: ${JSON.stringify(run.result.summary)} vs expected ${JSON.stringify(expected)}`);
      }
      const answered = Object.values(requests).reduce((a, b) => a + b, 0);
      log(`  ${(lookups / (run.result.wallMs / 1000)).toFixed(1)} lookups/s, tree CPU ${(run.cpuMs / lookups).toFixed(2)} ms/lookup, ` +
        `${(answered / lookups).toFixed(2)} requests/lookup ${JSON.stringify(requests)}, peak PSS ${run.peakPssMb.toFixed(0)} MB`);
      runs.set(c.id, [...(runs.get(c.id) ?? []), { run, requests }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const cheap = chosen.filter((c) => !c.rendersEveryPage);
    for (let round = 0; round < rounds; round++) {
      // Each round starts with the next contender, so none always runs first (or right after another).
      for (let i = 0; i < cheap.length; i++) await runOnce(cheap[(i + round) % cheap.length]!, opts.lookups);
    }
    for (const c of chosen.filter((x) => x.rendersEveryPage)) await runOnce(c, browserLookups);
  } finally {
    await portal.close();
  }
  const figures = chosen.map((c) => {
    const measured = runs.get(c.id) ?? [];
    return figureOf(c, c.rendersEveryPage ? browserLookups : opts.lookups, measured.map((m) => m.run), measured.map((m) => m.requests));
  });
  return { lookups: opts.lookups, browserLookups, rounds, concurrency: opts.concurrency, expected: expectedSummary(world, opts.lookups), figures };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The medians of a contender's rounds; its CPU by process is that of the round whose tree CPU is nearest the median. */
export function figureOf(c: Contender, lookups: number, runs: ChildRun<RegistryContenderResult>[], requestsByRound: Record<string, number>[] = []): RegistryFigure {
  if (runs.length === 0) throw new Error(`${c.id}: no round measured`);
  const rounds = runs.map((r, i) => ({ wallMs: r.result.wallMs, treeCpuMs: r.cpuMs, ...(requestsByRound[i] ? { requests: requestsByRound[i] } : {}) }));
  const wallMs = median(rounds.map((r) => r.wallMs));
  const treeCpuMs = median(rounds.map((r) => r.treeCpuMs));
  const typical = runs.reduce((best, r) => (Math.abs(r.cpuMs - treeCpuMs) < Math.abs(best.cpuMs - treeCpuMs) ? r : best));
  return {
    ...typical.result,
    wallMs,
    cpuMs: median(runs.map((r) => r.result.cpuMs)),
    lookups,
    label: c.label,
    lookupsPerSecond: lookups / (wallMs / 1000),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
    peakPssMb: Math.max(...runs.map((r) => r.peakPssMb)),
    treeCpuMs,
    cpuByKind: typical.cpuByKind,
    rounds,
  };
}

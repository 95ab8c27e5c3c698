// Registry lookups side by side in one run: the same fixture registry (served from this process,
// so its own CPU and memory are not counted against any contender), rate limit and busy pages
// off, the same codes, the same concurrency; each contender in its own child process.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatedRegistry } from '../../../fixtures/generator/registry-companies';
import { createRegistryPortal } from '../../../fixtures/portals/registry/server';
import { parseConfig } from '../../../jobs/runtime/config';
import { runChild } from '../run-child';
import { expectedSummary, lookupCodes, registryWorld, type LookupSummary } from './lookup-set';
import type { RegistryContenderResult } from './registry-result';

export interface RegistryFigure extends RegistryContenderResult {
  lookupsPerSecond: number;
  peakRssMb: number;
  peakPssMb: number;
  /** CPU of the whole process tree (node + Chromium), ms. */
  treeCpuMs: number;
  cpuByKind: Record<string, { cpuMs: number; processes: number }>;
}

export interface RegistryBench {
  lookups: number;
  concurrency: number;
  expected: LookupSummary;
  figures: RegistryFigure[];
}

const CONTENDERS = ['registry-opsbot', 'registry-crawlee', 'registry-raw-http', 'registry-playwright-bare'] as const;

export async function benchRegistry(opts: { lookups: number; concurrency: number; seed?: number; log?: (line: string) => void }): Promise<RegistryBench> {
  const log = opts.log ?? console.log;
  const world = registryWorld(opts.seed ?? 42);
  const codes = lookupCodes(world, opts.lookups);
  const expected = expectedSummary(world, opts.lookups);
  // Read once here and handed to each child, as the worker is handed its config.
  const { chromiumPath } = parseConfig();
  const portal = createRegistryPortal({ dataset: generatedRegistry(world), seed: world.seed });
  const baseUrl = await portal.listen(0);
  portal.faults.set({ rateLimitPerSecond: 0, busyRate: 0 });
  const figures: RegistryFigure[] = [];
  try {
    for (const task of CONTENDERS) {
      const dir = mkdtempSync(path.join(os.tmpdir(), `opsbot-bench-${task}-`));
      try {
        log(`registry: ${task}, ${opts.lookups} lookups, concurrency ${opts.concurrency} ...`);
        const run = await runChild<RegistryContenderResult>(task, { baseUrl, codes, concurrency: opts.concurrency, dir, chromiumPath });
        const r = run.result;
        if (JSON.stringify(r.summary) !== JSON.stringify(expected)) {
          throw new Error(`${task} did not return the registry's companies: ${JSON.stringify(r.summary)} vs expected ${JSON.stringify(expected)}`);
        }
        const figure = { ...r, lookupsPerSecond: opts.lookups / (r.wallMs / 1000), peakRssMb: run.peakRssMb, peakPssMb: run.peakPssMb, treeCpuMs: run.cpuMs, cpuByKind: run.cpuByKind };
        log(`  ${figure.lookupsPerSecond.toFixed(1)} lookups/s, peak RSS ${figure.peakRssMb.toFixed(0)} MB (PSS ${figure.peakPssMb.toFixed(0)} MB), tree CPU ${(figure.treeCpuMs / 1000).toFixed(1)} s`);
        figures.push(figure);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await portal.close();
  }
  return { lookups: opts.lookups, concurrency: opts.concurrency, expected, figures };
}

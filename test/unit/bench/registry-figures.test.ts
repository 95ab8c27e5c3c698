// The registry section (issue 21, item 1): contenders that ran several rounds are shown by their
// medians, each contender's CPU is divided by its own lookup count (the ones that render every
// page make fewer), and the three targets against CheerioCrawler and raw HTTP are judged.

import { describe, expect, it } from 'vitest';
import { cpuFigures } from '../../../scripts/bench/check/cpu-figures';
import { figureOf, REGISTRY_CONTENDERS, type RegistryBench, type RegistryFigure } from '../../../scripts/bench/registry/bench-registry';
import type { RegistryContenderId, RegistryContenderResult } from '../../../scripts/bench/registry/registry-result';
import { registryMarkdown } from '../../../scripts/bench/registry/render-registry';
import type { ChildRun } from '../../../scripts/bench/run-child';
import type { BenchResults, Measured, Target } from '../../../scripts/bench/results';

const summary = { lookups: 100, found: 100, changeRows: 95, digest: 'd' };
const contender = (id: RegistryContenderId) => REGISTRY_CONTENDERS.find((c) => c.id === id)!;

function run(id: RegistryContenderId, wallMs: number, treeCpuMs: number, peakPssMb = 100): ChildRun<RegistryContenderResult> {
  return {
    result: { contender: id, wallMs, cpuMs: treeCpuMs / 2, summary, notes: {} },
    peakRssMb: peakPssMb * 2, peakPssMb, processMs: wallMs + 500, cpuMs: treeCpuMs, cpuByKind: { node: { cpuMs: treeCpuMs, processes: 1 } },
  };
}

const measured = (data: RegistryBench): Measured<RegistryBench> => ({ measuredAt: '2026-12-07T21:00:00.000Z', loadBefore: '1, 1, 1', loadAfter: '1, 1, 1', data });

function bench(figures: RegistryFigure[]): RegistryBench {
  return { lookups: 100, browserLookups: 10, rounds: 3, concurrency: 4, expected: summary, figures };
}

describe('figureOf', () => {
  it('takes the median wall and the median CPU of the rounds separately, and the highest peak', () => {
    const f = figureOf(contender('opsbot'), 100, [run('opsbot', 1000, 900, 300), run('opsbot', 4000, 500, 200), run('opsbot', 2000, 700, 100)]);
    expect(f.wallMs).toBe(2000);
    expect(f.treeCpuMs).toBe(700);
    expect(f.lookupsPerSecond).toBe(50);
    expect(f.peakPssMb).toBe(300);
    expect(f.rounds.map((r) => r.wallMs)).toEqual([1000, 4000, 2000]);
    // The CPU by process shown is the round whose tree CPU is the median's.
    expect(f.cpuByKind.node?.cpuMs).toBe(700);
    expect(f.label).toBe('opsbot');
  });

  it('refuses a contender with no round', () => {
    expect(() => figureOf(contender('raw-http'), 100, [])).toThrow(/no round/);
  });
});

describe('registry section', () => {
  const opsbot = figureOf(contender('opsbot'), 100, [run('opsbot', 1000, 500)]);
  const cheerio = figureOf(contender('crawlee-cheerio'), 100, [run('crawlee-cheerio', 2000, 1500)]);
  const raw = figureOf(contender('raw-http'), 100, [run('raw-http', 950, 300)]);
  const playwright = figureOf(contender('crawlee-playwright'), 10, [run('crawlee-playwright', 5000, 10_000)]);

  it('judges the three targets from the figures and labels the crawler that renders every page', () => {
    const targets: Target[] = [];
    const md = registryMarkdown('1. Registry lookups', measured(bench([opsbot, cheerio, raw, playwright])), targets);
    expect(targets).toEqual([
      { what: 'Registry: opsbot vs Crawlee CheerioCrawler, lookups/s', target: '≥ 1.0×', measured: '2.00×', ok: true },
      { what: 'Registry: opsbot vs CheerioCrawler, CPU per lookup', target: '≤ CheerioCrawler\'s', measured: '5.00 vs 15.00 ms', ok: true },
      { what: 'Registry: opsbot vs raw HTTP, lookups/s', target: '≥ 0.9×', measured: '0.950×', ok: true },
    ]);
    expect(md).toContain('| Crawlee PlaywrightCrawler (renders every page) | 10 | 1 | 2.0 | 5.0 | 10.0 | 1000.00 |');
  });

  it('misses the CPU target when opsbot spends more per lookup than CheerioCrawler', () => {
    const targets: Target[] = [];
    const heavy = figureOf(contender('opsbot'), 100, [run('opsbot', 1000, 1600)]);
    registryMarkdown('1. Registry lookups', measured(bench([heavy, cheerio, raw])), targets);
    expect(targets[1]).toMatchObject({ ok: false, measured: '16.00 vs 15.00 ms' });
  });

  it('says when it was not measured', () => {
    expect(registryMarkdown('1. Registry lookups', undefined, [])).toContain('npm run bench -- --only registry');
  });
});

describe('cpuFigures of the registry', () => {
  it('divides each contender\'s CPU by its own lookups', () => {
    const opsbot = figureOf(contender('opsbot'), 100, [run('opsbot', 1000, 500)]);
    const playwright = figureOf(contender('crawlee-playwright'), 10, [run('crawlee-playwright', 5000, 10_000)]);
    const results: BenchResults = { registry: measured(bench([opsbot, playwright])) };
    expect(cpuFigures(results).map((f) => [f.name, f.cpuMsPerItem])).toEqual([['registry opsbot', 5], ['registry crawlee-playwright', 1000]]);
  });
});

describe('requestsPerLookup', () => {
  it('divides what the registry answered in the last round by the lookups, kinds listed', async () => {
    const { requestsPerLookup } = await import('../../../scripts/bench/registry/render-registry');
    const f = { lookups: 100, rounds: [{ wallMs: 1, treeCpuMs: 1, requests: { search: 100, detail: 100, tab: 8 } }] } as unknown as RegistryFigure;
    expect(requestsPerLookup(f)).toBe('2.08 (detail 100, search 100, tab 8)');
    expect(requestsPerLookup({ ...f, rounds: [{ wallMs: 1, treeCpuMs: 1 }] })).toBe('—');
  });
});

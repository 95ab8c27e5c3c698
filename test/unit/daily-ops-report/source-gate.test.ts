import { describe, expect, it } from 'vitest';
import { computeDailyFigures } from '../../../jobs/daily-ops-report/compute-kpis';
import { kpisDocument } from '../../../jobs/daily-ops-report/kpis-document';
import { SOURCE_IDS } from '../../../jobs/daily-ops-report/figures';
import { SOURCE_BOTS } from '../../../jobs/daily-ops-report/source-bots';
import { otherSourcesOf } from '../../../jobs/daily-ops-report/source-gate';
import type { SourceStatus } from '../../../jobs/runtime/run-store';

// The data-quality gate speaks for every source of the run: the report's eight figure sources and
// any other bot the job extracts (issue 15.6).

const DATE = '2026-11-20';
const status = (botId: string, ok: boolean): SourceStatus => ({
  botId, status: ok ? 'ok' : 'failed', count: ok ? 0 : null, expected: ok ? 0 : null, file: ok ? `sources/${botId}.jsonl` : null,
  sha256: null, durationMs: 1, evidence: [], ...(ok ? {} : { error: 'no URL for portal loans' }),
});
const allEmpty = Object.fromEntries(SOURCE_IDS.map((id) => [id, []]));

describe('otherSourcesOf', () => {
  it('keeps only the sources no figure reads, with why a failed one is missing', () => {
    const statuses = [...Object.values(SOURCE_BOTS).map((b) => status(b, true)), status('loans.overdue', false), status('cards.limits', true)];
    expect(otherSourcesOf(statuses)).toEqual([
      { botId: 'loans.overdue', missing: 'loans.overdue: no URL for portal loans' },
      { botId: 'cards.limits', missing: null },
    ]);
  });
});

describe('computeDailyFigures with the run\'s other sources', () => {
  it('a failed other source makes the figures partial without nulling any figure; every source is listed', async () => {
    const f = await computeDailyFigures({ date: DATE, sources: allEmpty, otherSources: [{ botId: 'loans.overdue', missing: 'loans.overdue: down' }, { botId: 'cards.limits', missing: null }] });
    expect(f.missingSources).toEqual([{ source: 'loans.overdue', reason: 'loans.overdue: down' }]);
    expect(f.missingFigures).toEqual([]);
    expect(f.sources.map((s) => s.id)).toEqual([...SOURCE_IDS, 'loans.overdue', 'cards.limits']);
    expect(f.sources.filter((s) => s.missing !== null)).toEqual([{ id: 'loans.overdue', missing: 'loans.overdue: down' }]);
    const kpis = kpisDocument(f, 1, '2026-11-21 07:00:00');
    expect(kpis.status).toBe('partial');
    expect((kpis.missing as { sources: unknown[] }).sources).toEqual([{ source: 'loans.overdue', reason: 'loans.overdue: down' }]);
  });

  it('with every source complete the report is ok', async () => {
    const f = await computeDailyFigures({ date: DATE, sources: allEmpty, otherSources: [{ botId: 'loans.overdue', missing: null }] });
    expect(kpisDocument(f, 1, '2026-11-21 07:00:00').status).toBe('ok');
    expect(f.sources.every((s) => s.missing === null)).toBe(true);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BuildContext, SourceStatus } from '../../../jobs/define-job';
import { daysToCompute, historyForBuild } from '../../../jobs/daily-ops-report/history';
import { historySources } from '../../../jobs/daily-ops-report/history-days';
import { SOURCE_BOTS } from '../../../jobs/daily-ops-report/source-bots';

// Friday 2026-11-20; the 5 business days before it.
const DATE = '2026-11-20';
const EARLIER = ['2026-11-19', '2026-11-18', '2026-11-17', '2026-11-16', '2026-11-13'];

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'opsbot-history-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function writeKpis(file: string, date: string, total: number): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ date, transactions: { total } }));
}

const failed = (botId: string): SourceStatus => ({ botId, botVersion: '1.0.0', status: 'failed', count: null, expected: null, file: null, sha256: null, durationMs: null, error: '503', evidence: [] });

function context(runs: { dataDate: string; runDir: string }[], sourcesIn: BuildContext['sourcesIn']): BuildContext {
  return {
    job: 'daily-ops-report', date: DATE, revision: 1, runId: `daily-ops-report/${DATE}/r1`, runDir: path.join(root, 'this-run'),
    sources: [], sourcesIn, options: {}, log: pino({ level: 'silent' }),
    browser: () => Promise.reject(new Error('no browser in this test')),
    previousRuns: async (limit) => runs.slice(0, limit),
  };
}

describe('history of the daily report', () => {
  it('takes a day from its own run, or from the history a later run computed for it; the rest must be computed', async () => {
    const run19 = path.join(root, 'r19');
    await writeKpis(path.join(run19, 'kpis.json'), '2026-11-19', 190);
    // The first run, for 11-19, computed 11-18 and 11-13 (both also among 11-20's 5 days) itself.
    await writeKpis(path.join(run19, 'history/2026-11-18/kpis.json'), '2026-11-18', 180);
    await writeKpis(path.join(run19, 'history/2026-11-13/kpis.json'), '2026-11-13', 130);
    const runs = [{ dataDate: '2026-11-19', runDir: run19 }];
    expect(await daysToCompute(context(runs, {}).previousRuns, DATE)).toEqual(['2026-11-17', '2026-11-16']);
    const sources = historySources(['2026-11-17']);
    expect(sources).toHaveLength(Object.keys(SOURCE_BOTS).length);
    expect(sources.every((s) => s.dir === 'history/2026-11-17' && (s.input as { date: string }).date === '2026-11-17')).toBe(true);
  });

  it('a computed day whose sources failed keeps its figures empty and says so; a day neither found nor computed is missing', async () => {
    const run19 = path.join(root, 'r19');
    await writeKpis(path.join(run19, 'kpis.json'), '2026-11-19', 190);
    const ctx = context([{ dataDate: '2026-11-19', runDir: run19 }], { 'history/2026-11-18': Object.values(SOURCE_BOTS).map(failed) });
    await mkdir(path.join(ctx.runDir, 'history/2026-11-18'), { recursive: true });
    const { kpis, days } = await historyForBuild(ctx, ['2026-11-18']);
    expect(kpis.map((k) => k.date)).toEqual(EARLIER);
    expect(days.map((d) => d.from)).toEqual(['run', 'computed', 'missing', 'missing', 'missing']);
    expect(days[1]!.detail).toMatch(/^数据缺失: core-banking.transactions/);
    // Never a silent zero: the failed day's figure is absent, and the file says which sources were missing.
    const written = JSON.parse(readFileSync(path.join(ctx.runDir, 'history/2026-11-18/kpis.json'), 'utf8'));
    expect(written.status).toBe('partial');
    expect(written.transactions?.total ?? null).toBeNull();
    expect(written.missing.sources.length).toBe(Object.keys(SOURCE_BOTS).length);
  });
});

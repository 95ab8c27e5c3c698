import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bots } from '../../../bots';
import { defineBot, definePortal, type AnyBot } from '../../../bots/sdk';
import { jobs } from '../../../jobs';
import dailyOpsReport from '../../../jobs/daily-ops-report/job';
import type { JobDefinition } from '../../../jobs/define-job';
import { triggerRun, waitForRun } from '../../../jobs/runtime/flows';
import type { RunManifest } from '../../../jobs/runtime/run-store';
import { startFixtureWorld, type FixtureWorld } from '../../helpers/fixture-world';

// Issue 15.6: a bot added to the daily report's sources (docs/adding-a-bot.md step 4) whose portal
// has no URL fails. The run is partial — and the report must say so everywhere, not only the
// manifest: kpis.json, the PDF's banner and 数据源状态, the Excel's 总览.

const DATE = '2026-11-20';
const JOB = 'daily-ops-extra-source';
// The case: the portal `loans` is configured nowhere, so the extraction fails at once.
const loansPortal = definePortal({ id: 'loans', title: 'loans', blockResources: true });
const loansOverdue = defineBot({
  id: 'loans.overdue', title: '逾期贷款', version: '0.1.0', portal: loansPortal,
  input: z.object({}), record: z.object({ id: z.string() }),
  async *run() {},
});
const withExtraSource: JobDefinition = {
  ...dailyOpsReport,
  id: JOB,
  sources: (p) => [...dailyOpsReport.sources(p), { botId: 'loans.overdue', input: {} }],
};

let world: FixtureWorld;
let runDir: string;
let manifest: RunManifest;

beforeAll(async () => {
  // The registered jobs and bots with this test's own, handed to the runtime; one attempt, so the
  // unconfigured portal fails the source at once.
  world = await startFixtureWorld({
    fixtures: { seed: 7, scale: 'small' },
    runtime: { extractAttempts: 1 },
    registries: { jobs: new Map([...jobs, [JOB, withExtraSource]]), bots: new Map([...bots, [loansOverdue.id, loansOverdue as unknown as AnyBot]]) },
  });
  const t = await triggerRun(world.deps, { job: JOB, date: DATE });
  runDir = (await waitForRun(world.deps, t.runId, 300_000)).runDir;
  manifest = await world.deps.store.read(runDir);
}, 420_000);

afterAll(async () => {
  await world?.stop();
});

describe('a run whose added source failed is partial in every output', () => {
  it('manifest: partial, the source failed with why', () => {
    expect(manifest.status).toBe('partial');
    expect(manifest.sources.find((s) => s.botId === 'loans.overdue')).toMatchObject({ status: 'failed', error: expect.stringMatching(/no URL for portal loans/) });
    // The report's own sources all came in: the failure is the added one only.
    expect(manifest.sources.filter((s) => s.status === 'failed').map((s) => s.botId)).toEqual(['loans.overdue']);
  });

  it('kpis.json: status partial, the source in missing.sources, its figures untouched', () => {
    const kpis = JSON.parse(readFileSync(path.join(runDir, 'kpis.json'), 'utf8'));
    expect(kpis.status).toBe('partial');
    expect(kpis.missing.sources).toEqual([{ source: 'loans.overdue', reason: expect.stringMatching(/^loans\.overdue: .*no URL for portal loans/) }]);
    expect(kpis.missing.figures).toEqual([]);
    expect(kpis.transactions.total).toBeGreaterThan(0);
  });

  it('PDF: the red banner names it, and 数据源状态 lists it as 缺失 beside the eight 完整', () => {
    const text = execFileSync('pdftotext', ['-layout', path.join(runDir, `daily-ops-report-${DATE}.pdf`), '-'], { encoding: 'utf8' });
    expect(text).toMatch(/数据缺失: loans\.overdue。/);
    const row = text.split('\n').find((l) => /^\s*loans\.overdue\s/.test(l));
    expect(row, '数据源状态 has no loans.overdue row').toBeDefined();
    expect(row).toMatch(/缺失\s+loans\.overdue: .*no URL for portal loans/);
    expect(text.split('\n').filter((l) => /(^|\s)完整(\s|$)/.test(l))).toHaveLength(8);
  });

  it('Excel: the 总览 sheet lists it as 缺失 with the reason', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(runDir, `daily-ops-report-${DATE}.xlsx`));
    const rows: string[][] = [];
    wb.getWorksheet('总览')!.eachRow((r) => rows.push([1, 2, 3].map((c) => String(r.getCell(c).value ?? ''))));
    const state = (label: string) => rows.find((r) => r[0] === label);
    expect(state('loans.overdue')).toEqual(['loans.overdue', '缺失', expect.stringMatching(/no URL for portal loans/)]);
    expect(rows.filter((r) => r[1] === '完整')).toHaveLength(8);
  });
});

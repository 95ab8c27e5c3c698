// Two daily workbooks for the template tests, written by the product's writer: one from the test
// record helper (edge cases, a formula-like complaint, queue source missing), one from the fixture
// world (the values a user of `opsbot run --with-fixtures` sees: AML rule names, fault texts, …).
import path from 'node:path';
import { buildWorld } from '../../../../fixtures/generator/world';
import { requiredWorldRecords } from '../../daily-ops-report/helpers/world-sources';
import { computeDailyFigures, type DailyFigures } from '../../../../jobs/daily-ops-report/compute-kpis';
import { SOURCE_IDS } from '../../../../jobs/daily-ops-report/figures';
import type { SourceInputs } from '../../../../jobs/daily-ops-report/source-input';
import type { ReportView } from '../../../../templates/daily-ops-report/report-view';
import { writeDailyWorkbook } from '../../../../templates/daily-ops-report/workbook';
import { dailyViewOf } from './daily-view';
import { generateRecords } from '../../daily-ops-report/helpers/generate-records';
import { sourcesOf, stream } from '../../daily-ops-report/helpers/sources';

export interface WrittenWorkbook {
  file: string;
  figures: DailyFigures;
  view: ReportView;
}


async function viewOf(date: string, sources: SourceInputs, history: { date: string; [k: string]: unknown }[]): Promise<{ figures: DailyFigures; view: ReportView }> {
  const figures = await computeDailyFigures({ date, sources });
  return { figures, view: dailyViewOf(figures, { history }) };
}

async function write(dir: string, name: string, date: string, sources: SourceInputs, history: { date: string; [k: string]: unknown }[]): Promise<WrittenWorkbook> {
  const { figures, view } = await viewOf(date, sources, history);
  const file = path.join(dir, `${name}-daily-ops-report-${date}.xlsx`);
  await writeDailyWorkbook(file, view);
  return { file, figures, view };
}

export const HELPER_DATE = '2025-03-03';

/** The record helper's day, plus a level-3 complaint typed like a formula; the queue system is missing. */
export async function writeHelperWorkbook(dir: string): Promise<WrittenWorkbook> {
  const set = generateRecords({ seed: 11, date: HELPER_DATE });
  set.complaints.push({
    id: 'CP-INJECT',
    branchId: 'B001',
    level: 3,
    customerName: '@SUM(A1)',
    customerPhone: '+8613812345678',
    summary: '=1+2',
    receivedAt: `${HELPER_DATE} 10:00:00`,
    firstContactAt: null,
    supervisorAt: null,
    closedAt: null,
  });
  const sources = sourcesOf(set);
  sources.queueTickets = { missing: '排队叫号系统登录失败' };
  return write(dir, 'helper', HELPER_DATE, sources, [{ date: '2025-02-28', transactions: { total: 500 } }]);
}

export const WORLD_DATE = '2026-12-04';

/** The fixture world's day (seed 42, small), every source present, peak hours of earlier days for the comparison. */
export async function writeWorldWorkbook(dir: string): Promise<WrittenWorkbook> {
  const { sources, history } = worldSources();
  return write(dir, 'world', WORLD_DATE, sources, history);
}

/** The same day's figures and report view, for the PDF's HTML. */
export async function worldView(): Promise<{ figures: DailyFigures; view: ReportView }> {
  const { sources, history } = worldSources();
  return viewOf(WORLD_DATE, sources, history);
}

function worldSources(): { sources: SourceInputs; history: { date: string; [k: string]: unknown }[] } {
  const world = buildWorld(42, 'small');
  const sources: Record<string, unknown> = {};
  for (const id of SOURCE_IDS) {
    sources[id] = stream(requiredWorldRecords(world, id, WORLD_DATE));
  }
  const history = [10, 10, 11, 10, 11].map((peakHour, i) => ({ date: `2026-11-2${i + 3}`, queue: { peakHour, avgWaitSeconds: 300.4 + i } }));
  return { sources: sources as SourceInputs, history };
}

import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { localDateTimeOf } from '../../bots/records';
import type { BuildContext, PreviousRuns } from '../define-job';
import { previousBusinessDays } from '../runtime/calendar';
import type { SourceStatus } from '../runtime/run-store';
import type { HistoricKpis } from './comparison';
import { computeDailyFigures } from './compute-kpis';
import { HISTORY_DAYS, historyDir, type HistoryDay } from './history-days';
import { kpisDocument } from './kpis-document';
import { readSources } from './read-sources';

/**
 * kpis.json of each of the 5 business days before D found in earlier runs: a run of that day, or
 * the history a later run computed for it. The newest run wins.
 */
export async function historyFromRuns(previousRuns: PreviousRuns, date: string): Promise<Map<string, { kpis: HistoricKpis; runDir: string }>> {
  const days = new Set(previousBusinessDays(date, HISTORY_DAYS));
  const found = new Map<string, { kpis: HistoricKpis; runDir: string }>();
  for (const run of await previousRuns(500)) {
    const candidates: [string, string][] = [[run.dataDate, path.join(run.runDir, 'kpis.json')]];
    for (const day of days) candidates.push([day, path.join(run.runDir, historyDir(day), 'kpis.json')]);
    for (const [day, file] of candidates) {
      if (!days.has(day) || found.has(day) || !existsSync(file)) continue;
      found.set(day, { kpis: JSON.parse(await readFile(file, 'utf8')) as HistoricKpis, runDir: run.runDir });
    }
    if (found.size === days.size) break;
  }
  return found;
}

/** The days this run must extract and compute itself: those no earlier run covers. */
export async function daysToCompute(previousRuns: PreviousRuns, date: string): Promise<string[]> {
  const found = await historyFromRuns(previousRuns, date);
  return previousBusinessDays(date, HISTORY_DAYS).filter((day) => !found.has(day));
}

/**
 * The history the comparison uses, one entry per business day (a day without figures stays in the
 * list with none, so the comparison shows "—" for it rather than taking an older day). Days this
 * run extracted get their figures computed here, and kept in `history/<day>/kpis.json` for later
 * runs.
 */
export async function historyForBuild(ctx: BuildContext, computed: readonly string[]): Promise<{ kpis: HistoricKpis[]; days: HistoryDay[] }> {
  const fromRuns = await historyFromRuns(ctx.previousRuns, ctx.date);
  const kpis: HistoricKpis[] = [];
  const days: HistoryDay[] = [];
  for (const day of previousBusinessDays(ctx.date, HISTORY_DAYS)) {
    const earlier = fromRuns.get(day);
    if (earlier) {
      kpis.push(earlier.kpis);
      days.push({ date: day, from: 'run', detail: earlier.runDir });
    } else if (computed.includes(day)) {
      const statuses = ctx.sourcesIn[historyDir(day)] ?? [];
      kpis.push(await computeDay(ctx, day, statuses));
      const failed = statuses.filter((s) => s.status !== 'ok').map((s) => s.botId);
      days.push({ date: day, from: 'computed', ...(failed.length ? { detail: `数据缺失: ${failed.join(', ')}` } : {}) });
    } else {
      kpis.push({ date: day });
      days.push({ date: day, from: 'missing', detail: 'no earlier run, and computing missing days is off (OPSBOT_COMPUTE_MISSING_HISTORY)' });
    }
  }
  return { kpis, days };
}

/** One earlier day's figures from what this run extracted for it (a failed source leaves its figures empty). */
async function computeDay(ctx: BuildContext, day: string, statuses: SourceStatus[]): Promise<HistoricKpis> {
  const dir = path.join(ctx.runDir, historyDir(day));
  const figures = await computeDailyFigures({ date: day, sources: readSources(dir, statuses) });
  const kpis: HistoricKpis = { date: day, ...kpisDocument(figures, ctx.revision, localDateTimeOf(new Date())), computedBy: ctx.runId };
  await writeFile(path.join(dir, 'kpis.json'), `${JSON.stringify(kpis, null, 2)}\n`, 'utf8');
  return kpis;
}

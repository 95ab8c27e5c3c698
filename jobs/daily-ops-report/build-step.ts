import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import type { BuildContext, BuildResult } from '../define-job';
import { previousBusinessDays } from '../runtime/calendar';
import { buildDailyReport } from './build-daily-report';
import type { HistoricKpis } from './comparison';
import type { SourceId } from './figures';
import type { SourceInputs } from './source-input';

/** Which bot extracts each source of the report. */
export const SOURCE_BOTS: Record<SourceId, string> = {
  transactions: 'core-banking.transactions',
  corrections: 'core-banking.corrections',
  reconciliation: 'core-banking.reconciliation',
  customers: 'core-banking.customers',
  queueTickets: 'queue.tickets',
  complaints: 'complaints.complaints',
  amlAlerts: 'aml.alerts',
  deviceInspections: 'devices.inspections',
};

/** Streams a JSONL file of records, one parsed object at a time. */
export async function* readJsonl(file: string): AsyncGenerator<unknown> {
  const lines = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line);
}

/**
 * The build step of the daily-ops-report flow: hands each extracted source (or the reason it is
 * missing) and the earlier runs' figures to `buildDailyReport`, in the run folder.
 */
export async function buildDailyReportStep(ctx: BuildContext): Promise<BuildResult> {
  const sources: SourceInputs = {};
  for (const [source, botId] of Object.entries(SOURCE_BOTS) as [SourceId, string][]) {
    const status = ctx.sources.find((s) => s.botId === botId);
    if (!status || status.status !== 'ok' || !status.file) {
      sources[source] = { missing: `${botId}: ${status?.error ?? '未抽取'}` };
      continue;
    }
    sources[source] = { records: readJsonl(path.join(ctx.runDir, status.file)), expectedCount: status.expected ?? undefined };
  }
  const started = Date.now();
  const result = await buildDailyReport({
    date: ctx.date,
    revision: ctx.revision,
    sources,
    history: await history(ctx),
    outDir: ctx.runDir,
    browser: await ctx.browser(),
    locale: ctx.options.locale === 'en' ? 'en' : 'zh-CN',
  });
  return {
    status: result.status,
    outputs: [result.files.xlsx, result.files.pdf, result.files.kpis].map((f) => path.relative(ctx.runDir, path.resolve(ctx.runDir, f))),
    errors: result.missingSources.map((m) => ({ source: m.source, message: `数据缺失: ${m.reason}` })),
    stages: { report: Date.now() - started },
    details: { missingSources: result.missingSources },
  };
}

/**
 * kpis.json of the latest run of each of the 5 business days before D. A day without a run stays
 * in the list with no figures, so the comparison shows "—" for it rather than taking an older day.
 */
async function history(ctx: BuildContext): Promise<HistoricKpis[]> {
  const days = previousBusinessDays(ctx.date, 5);
  const found = new Map<string, HistoricKpis>();
  for (const run of await ctx.previousRuns(200)) {
    if (!days.includes(run.dataDate) || found.has(run.dataDate)) continue;
    const file = path.join(run.runDir, 'kpis.json');
    if (existsSync(file)) found.set(run.dataDate, JSON.parse(await readFile(file, 'utf8')) as HistoricKpis);
  }
  return days.map((date) => found.get(date) ?? { date });
}

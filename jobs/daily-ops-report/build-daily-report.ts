import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { localDateTimeOf } from '../../bots/records';
import { loadReportConfig, type Locale } from '../../templates/daily-ops-report/report-config';
import { renderDailyPdf } from '../../templates/daily-ops-report/render-pdf';
import { reportView } from '../../templates/daily-ops-report/report-view';
import { writeDailyWorkbook } from '../../templates/daily-ops-report/workbook';
import type { HistoricKpis } from './comparison';
import { computeDailyFigures, type DailyFigures } from './compute-kpis';
import { headlineKpis, kpisDocument } from './kpis-document';
import type { CurrencyRates } from './money';
import { readThresholds } from './read-thresholds';
import { buildReportModel } from './report-model';
import type { OtherSource } from './source-gate';
import type { MissingSource, SourceInputs } from './source-input';

export interface BuildDailyReportInput {
  /** The data date D, YYYY-MM-DD. */
  date: string;
  /** 1 for the first run of D; re-runs with --force make 2, 3, ... (shown on the cover). */
  revision: number;
  sources: SourceInputs;
  /** The run's sources no figure reads (bots added to the job): the gate speaks for them too. */
  otherSources?: readonly OtherSource[];
  /** Earlier runs' kpis.json objects (any order; the 5 latest before D are used). */
  history: readonly HistoricKpis[];
  outDir: string;
  locale?: Locale;
  /** A launched Playwright browser; the caller owns its lifetime. */
  browser: Browser;
  currencyRates?: CurrencyRates;
  /** The template folder (default templates/daily-ops-report); tests point it elsewhere. */
  templateDir?: string;
  /** The thresholds file (default jobs/daily-ops-report/thresholds.json); tests point it elsewhere. */
  thresholdsFile?: string;
  /** When the report is generated (default now); fixed in tests for reproducible files. */
  now?: Date;
}

export interface BuildDailyReportResult {
  /** The kpis.json object as written. */
  kpis: Record<string, unknown>;
  status: 'ok' | 'partial';
  missingSources: MissingSource[];
  files: { xlsx: string; pdf: string; kpis: string };
  figures: DailyFigures;
}

/**
 * The build step of the daily-ops-report flow: figures from the extracted records, then
 * kpis.json, daily-ops-report-<D>.xlsx and daily-ops-report-<D>.pdf in `outDir`. A missing source
 * never stops the report: its figures read 数据缺失, a red banner names it, status is 'partial'.
 *
 * @example
 * const { status, files } = await buildDailyReport({
 *   date: '2025-03-03', revision: 1, outDir, browser, history: [],
 *   sources: { transactions: readJsonlValues(f), complaints: { missing: 'PortalError: 503' }, ... },
 * });
 */
export async function buildDailyReport(input: BuildDailyReportInput): Promise<BuildDailyReportResult> {
  const config = loadReportConfig(input.locale ?? 'zh-CN', input.templateDir);
  const thresholds = readThresholds(input.thresholdsFile);
  const figures = await computeDailyFigures({
    date: input.date,
    sources: input.sources,
    otherSources: input.otherSources,
    currencyRates: input.currencyRates,
  });
  const now = input.now ?? new Date();
  const generatedAt = localDateTimeOf(now);
  const model = buildReportModel({ figures, history: input.history, thresholds, layout: config.layout, revision: input.revision, generatedAt });
  const view = reportView(model, config);
  await mkdir(input.outDir, { recursive: true });
  const files = {
    xlsx: path.join(input.outDir, `daily-ops-report-${input.date}.xlsx`),
    pdf: path.join(input.outDir, `daily-ops-report-${input.date}.pdf`),
    kpis: path.join(input.outDir, 'kpis.json'),
  };
  const kpis = kpisDocument(figures, input.revision, generatedAt, headlineKpis(model.headline));
  const kpisJson = `${JSON.stringify(kpis, null, 2)}\n`;
  await writeFile(files.kpis, kpisJson, 'utf8');
  await writeDailyWorkbook(files.xlsx, view);
  const { bytes } = await renderDailyPdf({
    browser: input.browser,
    view,
    created: now,
    attachments: [
      {
        name: path.basename(files.xlsx),
        bytes: await readFile(files.xlsx),
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        description: 'Excel',
      },
      { name: 'kpis.json', bytes: new TextEncoder().encode(kpisJson), mimeType: 'application/json', description: 'kpis.json' },
    ],
  });
  await writeFile(files.pdf, bytes);
  return {
    kpis,
    status: figures.missingSources.length === 0 ? 'ok' : 'partial',
    missingSources: figures.missingSources,
    files,
    figures,
  };
}

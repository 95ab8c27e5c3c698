import type { Browser } from 'playwright-core';
import { fill } from '../render/format/fill';
import { finishPdf, type PdfAttachment } from '../render/pdf/finish-pdf';
import { printHtml } from '../render/pdf/print-html';
import { dailyCharts } from './charts';
import { dailyReportHtml } from './report-html';
import { text } from './report-config';
import type { ReportView } from './report-view';

/**
 * Renders daily-ops-report-<D>.pdf: the HTML template printed by the given browser, then
 * finished with metadata, page numbers and the attachments (Excel, kpis.json).
 */
export async function renderDailyPdf(input: {
  browser: Browser;
  view: ReportView;
  attachments: PdfAttachment[];
  created: Date;
}): Promise<{ bytes: Uint8Array; html: string }> {
  const { view } = input;
  const { config } = view;
  const html = dailyReportHtml(view, dailyCharts(view.charts, view.branchIds, config));
  const printed = await printHtml(input.browser, html);
  const t = (k: string): string => text(config, 'report', k);
  const bytes = await finishPdf(printed, {
    title: `${t('title')} ${view.date}`,
    subject: fill(t('subject'), { date: view.date }),
    author: t('author'),
    keywords: ['daily-ops-report', view.date, `rev${view.revision}`],
    pageLabel: t('page'),
    footerLeft: t('confidential'),
    created: input.created,
    attachments: input.attachments,
    ink: config.theme.muted,
  });
  return { bytes, html };
}

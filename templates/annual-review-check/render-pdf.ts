// Renders annual-review-check-<date>.pdf: the HTML printed by the caller's browser, then finished
// with metadata, "第 x 页 / 共 y 页" and the Excel and mismatches.json attached.
//
// Example:
//   const bytes = await renderReviewPdf({ browser, report, attachments, created: new Date() });

import type { Browser } from 'playwright-core';
import { fill } from '../render/format/fill';
import { finishPdf, type PdfAttachment } from '../render/pdf/finish-pdf';
import { printHtml } from '../render/pdf/print-html';
import { PDF_TEXT as T } from './pdf-strings';
import { PDF_THEME } from './pdf-theme';
import { reviewReportHtml } from './report-html';
import type { ReviewReportModel } from './view-model';

export async function renderReviewPdf(input: {
  browser: Browser;
  report: ReviewReportModel;
  attachments: PdfAttachment[];
  created: Date;
}): Promise<{ bytes: Uint8Array; html: string }> {
  const { report } = input;
  const html = reviewReportHtml(report);
  const printed = await printHtml(input.browser, html);
  const bytes = await finishPdf(printed, {
    title: `${T.title} ${report.reviewDate}`,
    subject: fill(T.subject, { date: report.reviewDate }),
    author: T.author,
    keywords: ['annual-review-check', report.reviewDate, `rev${report.revision}`],
    pageLabel: T.page,
    footerLeft: T.confidential,
    created: input.created,
    attachments: input.attachments,
    ink: PDF_THEME.muted,
  });
  return { bytes, html };
}

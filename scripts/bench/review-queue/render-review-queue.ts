// docs/benchmarks.md's section on the workbench queue (rendered by render-doc.ts).

import type { Measured } from '../results';
import { QUEUE_MAX_MS, type ReviewQueueFigure } from './bench-review-queue';

export interface QueueTarget {
  what: string;
  target: string;
  measured: string;
  ok: boolean;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

/** The section's markdown; pushes the target (every scenario's median under 200 ms) onto `targets`. */
export function reviewQueueMarkdown(title: string, m: Measured<ReviewQueueFigure> | undefined, targets: QueueTarget[]): string {
  if (!m) return `## ${title}\n\nNot measured yet: \`npm run bench -- --only review-queue-100k\`.\n`;
  const d = m.data;
  const worst = d.scenarios.reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
  targets.push({ what: `review queue page, ${d.cases.toLocaleString('en')} cases, with filters (server time)`, target: `< ${QUEUE_MAX_MS} ms`, measured: `worst median ${ms(worst.medianMs)} (${worst.name})`, ok: worst.medianMs < QUEUE_MAX_MS });
  return [
    `## ${title}`, '',
    `Measured ${m.measuredAt}; load average before ${m.loadBefore}, after ${m.loadAfter}. ` +
      'Wall times grow with the load: measured on a busy machine, they are an upper bound.', '',
    `${d.cases.toLocaleString('en')} cases seeded in a private PostgreSQL ${d.postgresVersion} (${(d.seedMs / 1000).toFixed(1)} s, then VACUUM ANALYZE as autovacuum would): ` +
      '40 branches, ten fields, severities 5 / 20 / 40 / 35 %, 65 % waiting (open or proposed), 2 % escalated, due dates 90 days either side of the day. ' +
      'Each scenario calls the function `opsbot web` calls for the page (jobs/review/queue: `listMyQueue`, `listPendingReviews`): ' +
      'the page of 50 rows and the total in two queries, mapped to rows — the server time of a page without its HTML. 3 warm-up calls, then 30 timed.', '',
    '| scenario | matching rows | median | p95 | max |',
    '|---|---:|---:|---:|---:|',
    ...d.scenarios.map((s) => `| ${s.name} | ${s.total.toLocaleString('en')} | ${ms(s.medianMs)} | ${ms(s.p95Ms)} | ${ms(s.maxMs)} |`),
    '',
    'The default view (waiting cases, escalated first, then severity, then due date) reads the partial index ' +
      '`cases_waiting_order_idx` in its own order and stops after the page (migration 0003-f-queue-order); before it, ' +
      'PostgreSQL sorted every waiting case for each page (the admin\'s first page 257 ms median, page 500 1.2 s, at a similar load). Deep pages still walk the index up to their offset; ' +
      'the queue stops at page 2,000 (jobs/review/queue/queue-filters.ts) and filters narrow instead.',
    '',
  ].join('\n');
}

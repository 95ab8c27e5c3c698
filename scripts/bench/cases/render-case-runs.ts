// docs/benchmarks.md's section on applying a run's flags to the case ledger (rendered by render-doc.ts).

import type { Measured } from '../results';
import { CASE_RUN_MAX_MS, type CaseRunsFigure } from './bench-case-runs';

export interface CaseRunsTarget {
  what: string;
  target: string;
  measured: string;
  ok: boolean;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** The section's markdown; pushes the target (the slower run's median under 5 s) onto `targets`. */
export function caseRunsMarkdown(title: string, m: Measured<CaseRunsFigure> | undefined, targets: CaseRunsTarget[]): string {
  if (!m) return `## ${title}\n\nNot measured yet: \`npm run bench -- --only case-runs-10k\`.\n`;
  const d = m.data;
  const first = median(d.rounds.map((r) => r.firstRunMs));
  const next = median(d.rounds.map((r) => r.nextRunMs));
  targets.push({ what: `apply a ${d.flags.toLocaleString('en')}-flag run to the cases`, target: `< ${CASE_RUN_MAX_MS / 1000} s`, measured: `median ${(Math.max(first, next) / 1000).toFixed(2)} s`, ok: Math.max(first, next) < CASE_RUN_MAX_MS });
  return [
    `## ${title}`, '',
    `Measured ${m.measuredAt}; load average before ${m.loadBefore}, after ${m.loadAfter}. Wall times grow with the load.`, '',
    `PostgreSQL ${d.postgresVersion}, private to the measuring child. Each round applies two runs of ${d.flags.toLocaleString('en')} flags shaped like the annual review's ` +
      '(evidence block included) with `applyRunToCases` (jobs/review/cases), in one transaction each: a first run (every flag opens a case: cases, case_runs, ' +
      'one audit row each) and the next (90 % recurring, 5 % superseded by a changed value, 5 % resolved, 5 % new).', '',
    '| round | first run | next run |',
    '|---:|---:|---:|',
    ...d.rounds.map((r, i) => `| ${i + 1} | ${r.firstRunMs} ms | ${r.nextRunMs} ms |`),
    '',
  ].join('\n');
}

// kpis.json, the report's machine-readable twin: every figure nested by its key, per branch, what
// is missing, and (added by issue #16) each headline figure's status and comparison.

import type { FigureFacts, FigureStatus } from '../../templates/daily-ops-report/view-model';
import type { DailyFigures } from './compute-kpis';
import type { Figure } from './figures';

/** A headline figure in kpis.json `headline`: what the report's first page shows for it. */
export interface HeadlineKpi {
  value: Figure;
  /** normal 正常, watch 关注, alert 预警, missing 数据缺失, none (no threshold, or no value on D). */
  status: FigureStatus;
  /** The previous business day's value; null when that day has no run or no value. */
  previous: Figure;
  previousDate: string | null;
  /** Mean of the previous 5 business days that have a value; null when none has. */
  mean5: Figure;
  /** How many of those days had a value. */
  mean5Days: number;
}

/** The headline figures by their dotted key, in the report's order. */
export function headlineKpis(headline: readonly FigureFacts[]): Record<string, HeadlineKpi> {
  return Object.fromEntries(
    headline.map((f) => [
      f.key,
      {
        value: f.comparison.value,
        status: f.status,
        previous: f.comparison.previous,
        previousDate: f.comparison.previousDate,
        mean5: f.comparison.mean5,
        mean5Days: f.comparison.mean5Days,
      },
    ]),
  );
}

/**
 * The kpis.json object. `headline` is given for the report's own kpis.json; the figures a run
 * computes for an earlier day (history/<day>/kpis.json) have no comparison of their own.
 */
export function kpisDocument(figures: DailyFigures, revision: number, generatedAt: string, headline?: Record<string, HeadlineKpi>): Record<string, unknown> {
  return {
    date: figures.date,
    revision,
    generatedAt,
    status: figures.missingSources.length === 0 ? 'ok' : 'partial',
    ...figures.figures,
    kpisByBranch: figures.byBranch,
    missing: { sources: figures.missingSources, figures: figures.missingFigures },
    notApplicable: figures.notApplicable,
    exceptionCounts: Object.fromEntries(Object.entries(figures.exceptions).map(([k, rows]) => [k, rows.length])),
    dataIssues: figures.dataIssues,
    ...(headline === undefined ? {} : { headline }),
  };
}

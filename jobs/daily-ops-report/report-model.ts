// The finished daily report the template draws: each figure of the layout beside the previous
// business day and the 5-day mean, its status under the thresholds, what needs attention, the
// lists, the chart series and the notes about the data. Pure: the caller reads the files.

import type { Layout } from '../../templates/daily-ops-report/report-config';
import type { DailyReportModel, DataNote, FigureFacts, ListFacts } from '../../templates/daily-ops-report/view-model';
import { compare, previousRuns, type HistoricKpis } from './comparison';
import type { DailyFigures } from './compute-kpis';
import { EXCEPTION_LIST_SOURCES } from './exception-rows';
import { figureFormat } from './figure-formats';
import { FIGURE_KEYS, figureAt, type FigureKey } from './figures';
import { figureStatus } from './status';
import type { Thresholds } from './thresholds';

export interface ReportModelInput {
  figures: DailyFigures;
  /** Earlier runs' kpis.json objects (any order; the 5 latest before D are used). */
  history: readonly HistoricKpis[];
  thresholds: Thresholds;
  /** Which figures and lists the report shows, in which order (templates/daily-ops-report/layout.json). */
  layout: Layout;
  revision: number;
  generatedAt: string;
}

const KNOWN_KEYS = new Set<string>(FIGURE_KEYS);

/** A figure key of layout.json as the spec's key; one the figures do not have fails, naming it. */
function layoutKey(key: string): FigureKey {
  if (!KNOWN_KEYS.has(key)) throw new Error(`layout.json: unknown figure "${key}"`);
  return key as FigureKey;
}

/** Figures at 预警 or 关注 among those shown, each once, 预警 first (otherwise in the order shown). */
function attentionOf(shown: readonly FigureFacts[]): FigureFacts[] {
  const seen = new Set<string>();
  const flagged = shown.filter((f) => {
    if ((f.status !== 'alert' && f.status !== 'watch') || seen.has(f.key)) return false;
    seen.add(f.key);
    return true;
  });
  return flagged.sort((a, b) => (a.status === b.status ? 0 : a.status === 'alert' ? -1 : 1));
}

function notesOf(figures: DailyFigures): DataNote[] {
  const notes: DataNote[] = [];
  const unrated = figures.dataIssues.unratedTransactions;
  if (unrated.length > 0) notes.push({ kind: 'unratedCurrency', n: unrated.length, currencies: [...new Set(unrated.map((u) => u.currency))] });
  for (const r of figures.dataIssues.rejectedRows) notes.push({ kind: 'rejectedRows', source: r.source, row: r.row, field: r.field, message: r.message });
  for (const [source, n] of Object.entries(figures.dataIssues.outsideDate)) {
    if (n !== undefined) notes.push({ kind: 'outsideDate', source, n });
  }
  return notes;
}

/**
 * Everything the Excel and the PDF show, decided once: comparisons with the previous business day
 * and the 5-day mean, statuses from the thresholds, the figures per branch, the lists of the
 * layout (数据缺失 where their source is missing).
 *
 * @example const model = buildReportModel({ figures, history, thresholds: readThresholds(), layout: config.layout, revision: 1, generatedAt });
 */
export function buildReportModel(input: ReportModelInput): DailyReportModel {
  const { figures, layout } = input;
  const previous = previousRuns(input.history, figures.date);
  const missingKeys = new Set<string>(figures.missingFigures);
  const branchIds = Object.keys(figures.byBranch);
  const perBranch = (key: FigureKey): Record<string, number | null> =>
    Object.fromEntries(branchIds.map((id) => [id, figureAt(figures.byBranch[id], key)]));

  const facts = new Map<FigureKey, FigureFacts>();
  const factsOf = (name: string): FigureFacts => {
    const key = layoutKey(name);
    let found = facts.get(key);
    if (found === undefined) {
      const comparison = compare(key, figureAt(figures.figures, key), previous);
      const missing = missingKeys.has(key);
      found = {
        key,
        format: figureFormat(key),
        comparison,
        missing,
        status: figureStatus(comparison.value, missing, input.thresholds[key], key),
        byBranch: perBranch(key),
      };
      facts.set(key, found);
    }
    return found;
  };

  const headline = layout.headline.map(factsOf);
  const sections = layout.sections.map((s) => ({ id: s.id, figures: s.figures.map(factsOf) }));
  const missingSources = new Set(figures.missingSources.map((m) => m.source));
  const lists: ListFacts[] = layout.exceptionLists.map((id) => ({
    id,
    missing: EXCEPTION_LIST_SOURCES[id].some((s) => missingSources.has(s)),
    rows: figures.exceptions[id],
  }));
  return {
    date: figures.date,
    revision: input.revision,
    generatedAt: input.generatedAt,
    missingSources: figures.missingSources.map((m) => ({ source: m.source, reason: m.reason })),
    sources: figures.sources,
    headline,
    sections,
    attention: attentionOf([...headline, ...sections.flatMap((s) => s.figures)]),
    branchIds,
    branchFigures: layout.branchFigures.map(factsOf),
    lists,
    charts: {
      ...figures.charts,
      branchTransactions: missingKeys.has('transactions.total') ? null : perBranch('transactions.total'),
      branchAvgWaitSeconds: missingKeys.has('queue.avgWaitSeconds') ? null : perBranch('queue.avgWaitSeconds'),
    },
    notes: notesOf(figures),
  };
}

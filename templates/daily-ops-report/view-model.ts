import { compare, previousRuns, type Comparison, type HistoricKpis } from '../../jobs/daily-ops-report/comparison';
import type { DailyFigures } from '../../jobs/daily-ops-report/compute-kpis';
import { EXCEPTION_LIST_SOURCES, type ExceptionListId } from '../../jobs/daily-ops-report/exception-rows';
import { figureAt, type Figure, type FigureKey } from '../../jobs/daily-ops-report/figures';
import { statusOf, type Status } from '../../jobs/daily-ops-report/status';
import { fill } from '../render/format/fill';
import { formatCount, formatDecimal, formatMoney, formatShare, splitDuration } from '../render/format/numbers';
import { EXCEPTION_COLUMNS, type ColumnDef } from './exception-columns';
import { formatOf, type FigureFormat } from './figure-formats';
import { branchName, text, type ReportConfig } from './report-config';

export interface FigureView {
  key: FigureKey;
  label: string;
  format: FigureFormat;
  comparison: Comparison;
  missing: boolean;
  status: Status;
  statusLabel: string;
  valueText: string;
  previousText: string;
  mean5Text: string;
}

export interface ListView {
  id: ExceptionListId;
  title: string;
  /** The list's source is missing: say so instead of "none". */
  missing: boolean;
  columns: ColumnDef[];
  rows: readonly object[];
}

export interface ReportView {
  config: ReportConfig;
  date: string;
  revision: number;
  generatedAt: string;
  missingSources: { source: string; label: string; reason: string }[];
  /** Every source of the run for 数据源状态 (the figure sources, then any other the job extracted). */
  sources: { label: string; missing: string | null }[];
  banner: string | null;
  headline: FigureView[];
  attention: FigureView[];
  sections: { id: string; title: string; figures: FigureView[] }[];
  branchIds: string[];
  branchFigures: FigureKey[];
  lists: ListView[];
  notes: string[];
}

/** A figure as text in the report's locale ('数据缺失' when its source is missing). */
export function figureText(config: ReportConfig, key: FigureKey, value: Figure, missing: boolean): string {
  if (missing) return text(config, 'report', 'missingValue');
  if (value === null) return text(config, 'report', 'notApplicable');
  switch (formatOf(key)) {
    case 'share':
      return formatShare(value);
    case 'seconds': {
      const d = splitDuration(value);
      return d.h > 0 ? fill(text(config, 'units', 'durationHours'), d) : fill(text(config, 'units', 'duration'), d);
    }
    case 'hour':
      return hourText(config, value);
    case 'decimal':
      return formatDecimal(value);
    default:
      return formatCount(value);
  }
}

/**
 * An hour of day as the hour it spans ('10:00–11:00'). A mean of several days' peak hours is not a
 * whole hour: it reads as the clock time it stands for (10.4 → '10:24'), never as '10.4:00'.
 */
function hourText(config: ReportConfig, hour: number): string {
  if (Number.isInteger(hour)) return fill(text(config, 'units', 'hourRange'), { h: hour, h1: hour + 1 });
  const minutes = Math.round(hour * 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A source's name in the report; a source the strings do not name (a newly added bot) by its bot id. */
function sourceLabel(config: ReportConfig, id: string): string {
  return config.strings['sources']?.[id] ?? id;
}

/** A history value as text; '—' where the earlier run is missing or had no value. */
function historyText(config: ReportConfig, key: FigureKey, value: Figure): string {
  return value === null ? text(config, 'report', 'noHistory') : figureText(config, key, value, false);
}

/**
 * Everything the Excel and the PDF show, computed once: texts in the locale, comparisons with the
 * previous business day and 5-day mean, statuses from the thresholds file.
 */
export function buildReportView(input: {
  figures: DailyFigures;
  history: readonly HistoricKpis[];
  config: ReportConfig;
  revision: number;
  generatedAt: string;
}): ReportView {
  const { figures, config } = input;
  const previous = previousRuns(input.history, figures.date);
  const missingKeys = new Set(figures.missingFigures);
  const view = (key: FigureKey): FigureView => {
    const comparison = compare(key, figureAt(figures.figures, key), previous);
    const missing = missingKeys.has(key);
    const status = missing ? 'missing' : statusOf(comparison.value, config.thresholds[key], key);
    return {
      key,
      label: text(config, 'figures', key),
      format: formatOf(key),
      comparison,
      missing,
      status: status === 'missing' && !missing ? 'none' : status,
      statusLabel: text(config, 'status', status === 'missing' && !missing ? 'none' : status),
      valueText: figureText(config, key, comparison.value, missing),
      previousText: historyText(config, key, comparison.previous),
      mean5Text: historyText(config, key, comparison.mean5),
    };
  };
  const missingSources = figures.missingSources.map((m) => ({
    source: m.source,
    label: sourceLabel(config, m.source),
    reason: m.reason,
  }));
  const headline = config.layout.headline.map(view);
  const sections = config.layout.sections.map((s) => ({
    id: s.id,
    title: text(config, 'sections', s.id),
    figures: s.figures.map(view),
  }));
  const attentionKeys = new Set<FigureKey>();
  const attention = [...headline, ...sections.flatMap((s) => s.figures)].filter((f) => {
    if ((f.status !== 'alert' && f.status !== 'watch') || attentionKeys.has(f.key)) return false;
    attentionKeys.add(f.key);
    return true;
  });
  const missingSet = new Set(figures.missingSources.map((m) => m.source));
  const lists = config.layout.exceptionLists.map((id) => ({
    id,
    title: text(config, 'lists', id),
    missing: EXCEPTION_LIST_SOURCES[id].some((s) => missingSet.has(s)),
    columns: EXCEPTION_COLUMNS[id],
    rows: figures.exceptions[id] as readonly object[],
  }));
  return {
    config,
    date: figures.date,
    revision: input.revision,
    generatedAt: input.generatedAt,
    missingSources,
    sources: figures.sources.map((s) => ({ label: sourceLabel(config, s.id), missing: s.missing })),
    banner:
      missingSources.length === 0
        ? null
        : fill(text(config, 'report', 'missingBanner'), { sources: missingSources.map((m) => m.label).join('、') }),
    headline,
    attention: attention.sort((a, b) => (a.status === b.status ? 0 : a.status === 'alert' ? -1 : 1)),
    sections,
    branchIds: Object.keys(figures.byBranch),
    branchFigures: config.layout.branchFigures,
    lists,
    notes: dataNotes(figures, config),
  };
}

function dataNotes(figures: DailyFigures, config: ReportConfig): string[] {
  const notes: string[] = [];
  const unrated = figures.dataIssues.unratedTransactions;
  if (unrated.length > 0) {
    const currencies = [...new Set(unrated.map((u) => u.currency))].join(', ');
    notes.push(fill(text(config, 'report', 'unratedCurrency'), { n: unrated.length, currencies }));
  }
  for (const r of figures.dataIssues.rejectedRows.slice(0, 10)) {
    notes.push(fill(text(config, 'report', 'rejectedRows'), { ...r, source: text(config, 'sources', r.source) }));
  }
  for (const [source, n] of Object.entries(figures.dataIssues.outsideDate)) {
    notes.push(fill(text(config, 'report', 'outsideDate'), { source: text(config, 'sources', source), n }));
  }
  return notes;
}

/** A cell of an exception list as text (PDF); Excel writes typed values instead. */
export function cellText(config: ReportConfig, column: ColumnDef, value: unknown): string {
  if (value === null || value === undefined) {
    return column.field === 'measuredAt' ? text(config, 'values', 'none') : text(config, 'values', 'null');
  }
  switch (column.kind) {
    case 'money':
      return typeof value === 'number' ? formatMoney(value) : String(value);
    case 'decimal':
      return typeof value === 'number' ? formatDecimal(value) : String(value);
    case 'share':
      return typeof value === 'number' ? formatShare(value) : String(value);
    case 'percent100':
      return typeof value === 'number' ? `${value}%` : String(value);
    case 'enum':
    case 'bool':
      return text(config, 'values', String(value));
    case 'enumList':
      return Array.isArray(value) ? value.map((v) => text(config, 'values', String(v))).join('、') : String(value);
    case 'list':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'branch':
      return branchName(config, String(value));
    default:
      return String(value);
  }
}

// The daily report in words: the job's finished model with every label, value and note as text in
// the report's locale, once for both the Excel and the PDF. Nothing here decides a figure, a
// status or a comparison; it only says them.

import { fill } from '../render/format/fill';
import { EXCEPTION_COLUMNS, type ColumnDef } from './exception-columns';
import { text, type ReportConfig } from './report-config';
import { figureText, historyText } from './value-text';
import type { ChartData, DailyReportModel, DataNote, ExceptionListId, FigureFacts } from './view-model';

export interface FigureView extends FigureFacts {
  label: string;
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
  branchIds: readonly string[];
  branchFigures: FigureView[];
  lists: ListView[];
  charts: ChartData;
  notes: string[];
}

/** A source's name in the report; a source the strings do not name (a newly added bot) by its bot id. */
function sourceLabel(config: ReportConfig, id: string): string {
  return config.strings['sources']?.[id] ?? id;
}

function figureView(config: ReportConfig, f: FigureFacts): FigureView {
  return {
    ...f,
    label: text(config, 'figures', f.key),
    statusLabel: text(config, 'status', f.status),
    valueText: figureText(config, f.format, f.comparison.value, f.missing),
    previousText: historyText(config, f.format, f.comparison.previous),
    mean5Text: historyText(config, f.format, f.comparison.mean5),
  };
}

/** The report names the first rejected rows; more would bury the rest of the page. */
const REJECTED_ROWS_SHOWN = 10;

function noteTexts(notes: readonly DataNote[], config: ReportConfig): string[] {
  let rejected = 0;
  return notes.flatMap((note) => {
    switch (note.kind) {
      case 'unratedCurrency':
        return [fill(text(config, 'report', 'unratedCurrency'), { n: note.n, currencies: note.currencies.join(', ') })];
      case 'rejectedRows':
        if (++rejected > REJECTED_ROWS_SHOWN) return [];
        return [fill(text(config, 'report', 'rejectedRows'), { row: note.row, field: note.field, message: note.message, source: text(config, 'sources', note.source) })];
      case 'outsideDate':
        return [fill(text(config, 'report', 'outsideDate'), { source: text(config, 'sources', note.source), n: note.n })];
    }
  });
}

/**
 * Everything the Excel and the PDF show, in the report's words: labels and texts in the locale,
 * the red banner naming the missing sources, the data notes.
 */
export function reportView(model: DailyReportModel, config: ReportConfig): ReportView {
  const view = (f: FigureFacts): FigureView => figureView(config, f);
  const missingSources = model.missingSources.map((m) => ({ source: m.source, label: sourceLabel(config, m.source), reason: m.reason }));
  return {
    config,
    date: model.date,
    revision: model.revision,
    generatedAt: model.generatedAt,
    missingSources,
    sources: model.sources.map((s) => ({ label: sourceLabel(config, s.id), missing: s.missing })),
    banner:
      missingSources.length === 0
        ? null
        : fill(text(config, 'report', 'missingBanner'), { sources: missingSources.map((m) => m.label).join('、') }),
    headline: model.headline.map(view),
    attention: model.attention.map(view),
    sections: model.sections.map((s) => ({ id: s.id, title: text(config, 'sections', s.id), figures: s.figures.map(view) })),
    branchIds: model.branchIds,
    branchFigures: model.branchFigures.map(view),
    lists: model.lists.map((l) => ({ id: l.id, title: text(config, 'lists', l.id), missing: l.missing, columns: EXCEPTION_COLUMNS[l.id], rows: l.rows })),
    charts: model.charts,
    notes: noteTexts(model.notes, config),
  };
}

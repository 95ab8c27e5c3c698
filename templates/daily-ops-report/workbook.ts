import ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';
import { figureAt, type FigureKey } from '../../jobs/daily-ops-report/figures';
import type { DailyFigures } from '../../jobs/daily-ops-report/compute-kpis';
import { fill } from '../render/format/fill';
import { localDateCell, numberCell, textCell } from '../render/xlsx/cell-value';
import { NUMBER_FORMATS } from '../render/xlsx/number-formats';
import { font, sheetName, solidFill, thinBorder } from '../render/xlsx/styles';
import { writeTableSheet, type TableColumn } from '../render/xlsx/table-sheet';
import type { ColumnDef } from './exception-columns';
import { formatOf } from './figure-formats';
import { text, type ReportConfig } from './report-config';
import { cellText, type FigureView, type ListView, type ReportView } from './view-model';

const FIGURE_FORMATS = {
  count: NUMBER_FORMATS.count,
  decimal: NUMBER_FORMATS.decimal,
  share: NUMBER_FORMATS.share,
  seconds: NUMBER_FORMATS.seconds,
  hour: '0',
} as const;

/** A figure's label for Excel: seconds say so, since the cell holds a plain number of seconds. */
function excelLabel(config: ReportConfig, f: { key: FigureKey; label: string }): string {
  return formatOf(f.key) === 'seconds' ? `${f.label} (${text(config, 'units', 'seconds')})` : f.label;
}

/**
 * Writes daily-ops-report-<D>.xlsx with the streaming writer: 总览 first (headline figures,
 * comparisons, status colours, a red banner row naming missing sources), one sheet per area with
 * its figures network-wide and per branch, then one detail sheet per exception list.
 */
export async function writeDailyWorkbook(file: string, view: ReportView, figures: DailyFigures): Promise<void> {
  const { config } = view;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  workbook.creator = text(config, 'report', 'author');
  workbook.title = `${text(config, 'report', 'title')} ${view.date}`;
  workbook.created = new Date(view.generatedAt);

  const overview = workbook.addWorksheet(sheetName(text(config, 'sections', 'overview')), {
    views: [{ state: 'frozen', ySplit: 0, showGridLines: false }],
  });
  writeOverview(overview, view);
  overview.commit();

  for (const section of view.sections) {
    const sheet = workbook.addWorksheet(sheetName(section.title), { views: [{ showGridLines: false }] });
    writeSection(sheet, view, section.figures, figures);
    sheet.commit();
  }

  for (const list of view.lists) {
    const columns: TableColumn[] = list.columns.map((c) => ({
      header: text(config, 'fields', c.field),
      width: c.width,
      numFmt: numFmtOf(c),
    }));
    if (list.missing) {
      await writeTableSheet(workbook, list.title, columns, [[text(config, 'report', 'missingValue')]], config.theme);
      continue;
    }
    await writeTableSheet(workbook, list.title, columns, rowsOf(config, list), config.theme);
  }
  await workbook.commit();
}

function numFmtOf(c: ColumnDef): string | undefined {
  switch (c.kind) {
    case 'int':
      return NUMBER_FORMATS.count;
    case 'money':
      return NUMBER_FORMATS.money;
    case 'decimal':
      return NUMBER_FORMATS.decimal;
    case 'share':
      return NUMBER_FORMATS.share;
    case 'datetime':
      return NUMBER_FORMATS.dateTime;
    case 'date':
      return NUMBER_FORMATS.date;
    case 'percent100':
      return '0"%"';
    default:
      return undefined;
  }
}

function* rowsOf(config: ReportConfig, list: ListView): Iterable<CellValue[]> {
  for (const row of list.rows) {
    const record = row as Record<string, unknown>;
    yield list.columns.map((c) => cellOf(config, c, record[c.field]));
  }
}

function cellOf(config: ReportConfig, c: ColumnDef, value: unknown): CellValue {
  switch (c.kind) {
    case 'int':
    case 'money':
    case 'decimal':
    case 'share':
    case 'percent100':
      return numberCell(value);
    case 'datetime':
    case 'date':
      return typeof value === 'string' ? localDateCell(value) : null;
    case 'text':
      return textCell(value);
    default:
      return value === null || value === undefined ? null : textCell(cellText(config, c, value));
  }
}

// Five columns for the figure tables; two more so an area's branch table has room.
const COLUMN_WIDTHS = [34, 16, 16, 20, 12, 16, 16];
const TITLE_SPAN = 5;

/** Title block (rows 1–3) shared by the overview and area sheets; returns the next free row. */
function writeTitle(sheet: Worksheet, view: ReportView, subtitle: string): number {
  const { config } = view;
  const theme = config.theme;
  sheet.columns = COLUMN_WIDTHS.map((width) => ({ width }));
  const title = sheet.addRow([`${text(config, 'report', 'title')} · ${subtitle}`]);
  title.height = 26;
  title.getCell(1).font = font({ size: 16, bold: true, color: { argb: `FF${theme.brand.slice(1)}` } });
  sheet.mergeCells(1, 1, 1, TITLE_SPAN);
  title.commit();
  const revision = view.revision > 1 ? `    ${fill(text(config, 'report', 'revisionNote'), { n: view.revision })}` : '';
  const meta = sheet.addRow([
    `${text(config, 'report', 'dataDate')}: ${view.date}    ${text(config, 'report', 'generatedAt')}: ${view.generatedAt}${revision}`,
  ]);
  meta.getCell(1).font = font({ color: { argb: `FF${theme.muted.slice(1)}` } });
  sheet.mergeCells(2, 1, 2, TITLE_SPAN);
  meta.commit();
  let next = 3;
  if (view.banner !== null) {
    const banner = sheet.addRow([view.banner]);
    banner.height = 30;
    const cell = banner.getCell(1);
    cell.font = font({ bold: true, color: { argb: 'FFFFFFFF' } });
    cell.fill = solidFill(theme.status.alert);
    cell.alignment = { vertical: 'middle', wrapText: true };
    sheet.mergeCells(3, 1, 3, TITLE_SPAN);
    banner.commit();
    next = 4;
  }
  sheet.addRow([]).commit();
  return next + 1;
}

function headerRow(sheet: Worksheet, view: ReportView, labels: string[]): void {
  const theme = view.config.theme;
  const row = sheet.addRow(labels);
  row.height = 20;
  row.eachCell((cell) => {
    cell.font = font({ bold: true, color: { argb: `FF${theme.headerInk.slice(1)}` } });
    cell.fill = solidFill(theme.headerFill);
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
  });
  row.commit();
}

function figureRows(sheet: Worksheet, view: ReportView, list: FigureView[]): void {
  const { config } = view;
  const theme = config.theme;
  const c = (key: string): string => text(config, 'columns', key);
  headerRow(sheet, view, [c('figure'), c('value'), c('previous'), c('mean5'), c('status')]);
  for (const f of list) {
    const numFmt = FIGURE_FORMATS[f.format];
    const value: CellValue = f.missing ? f.valueText : f.comparison.value;
    const row = sheet.addRow([
      excelLabel(config, f),
      value,
      f.comparison.previous ?? text(config, 'report', 'noHistory'),
      f.comparison.mean5 ?? text(config, 'report', 'noHistory'),
      f.statusLabel,
    ]);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = font();
      cell.border = { bottom: thinBorder(theme.rule) };
      if (col >= 2 && col <= 4) {
        cell.numFmt = numFmt;
        cell.alignment = { horizontal: 'right' };
      }
    });
    const statusCell = row.getCell(5);
    statusCell.font = font({ bold: true, color: { argb: `FF${theme.status[f.status].slice(1)}` } });
    statusCell.fill = solidFill(theme.statusFill[f.status]);
    statusCell.alignment = { horizontal: 'center' };
    if (f.missing) {
      row.getCell(2).font = font({ bold: true, color: { argb: `FF${theme.status.missing.slice(1)}` } });
      row.getCell(2).fill = solidFill(theme.statusFill.missing);
    }
    row.commit();
  }
}

function writeOverview(sheet: Worksheet, view: ReportView): void {
  const { config } = view;
  writeTitle(sheet, view, text(config, 'sections', 'overview'));
  figureRows(sheet, view, view.headline);
  sheet.addRow([]).commit();
  headerRow(sheet, view, [text(config, 'columns', 'source'), text(config, 'columns', 'state'), text(config, 'columns', 'reason')]);
  // Every source of the run (view.sources), not a fixed list: a failed added source shows here too.
  for (const { label, missing } of view.sources) {
    const row = sheet.addRow([label, text(config, 'report', missing === null ? 'sourceOk' : 'sourceMissing'), missing ?? '']);
    const status = missing === null ? 'normal' : 'missing';
    row.getCell(2).font = font({ bold: true, color: { argb: `FF${config.theme.status[status].slice(1)}` } });
    row.getCell(2).fill = solidFill(config.theme.statusFill[status]);
    row.getCell(1).font = font();
    row.getCell(3).font = font();
    row.commit();
  }
  if (view.notes.length > 0) {
    sheet.addRow([]).commit();
    const title = sheet.addRow([text(config, 'report', 'dataIssues')]);
    title.getCell(1).font = font({ bold: true });
    title.commit();
    for (const note of view.notes) sheet.addRow([textCell(note)]).commit();
  }
}

function writeSection(sheet: Worksheet, view: ReportView, list: FigureView[], figures: DailyFigures): void {
  const { config } = view;
  writeTitle(sheet, view, sheet.name);
  figureRows(sheet, view, list);
  sheet.addRow([]).commit();
  // Per branch: one row per branch, one column per figure of the area.
  const keys = list.map((f) => f.key);
  headerRow(sheet, view, [text(config, 'columns', 'branch'), ...list.map((f) => excelLabel(config, f))]);
  const missing = new Set(figures.missingFigures);
  for (const branchId of view.branchIds) {
    const branch = figures.byBranch[branchId];
    const values = keys.map((k): CellValue => (missing.has(k) ? text(config, 'report', 'missingValue') : figureAt(branch, k)));
    const row = sheet.addRow([branchId, ...values]);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = font();
      const key = keys[col - 2];
      if (key !== undefined) cell.numFmt = FIGURE_FORMATS[formatOf(key)];
    });
    row.commit();
  }
}

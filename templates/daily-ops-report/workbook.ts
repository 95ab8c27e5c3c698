import ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';
import { writeThroughStreamAtomic } from '../../bots/sdk/atomic-write';
import { fill } from '../render/format/fill';
import { localDateCell, numberCell, textCell } from '../render/xlsx/cell-value';
import { NUMBER_FORMATS } from '../render/xlsx/number-formats';
import { printSetup, rowHeight, wrappedLines } from '../render/xlsx/print-setup';
import { font, sheetName, solidFill, thinBorder } from '../render/xlsx/styles';
import { writeTableSheet, type TableColumn, type TablePrint } from '../render/xlsx/table-sheet';
import { NUMERIC_KINDS, type ColumnDef } from './exception-columns';
import { branchName, text, type ReportConfig } from './report-config';
import type { FigureView, ListView, ReportView } from './report-view';
import { cellText, figureText } from './value-text';
import type { FigureFormat, FigureValue } from './view-model';

// Hour figures (取号高峰时段) are written as the text the PDF shows ('10:00–11:00'), not a number.
const FIGURE_FORMATS = {
  count: NUMBER_FORMATS.count,
  decimal: NUMBER_FORMATS.decimal,
  share: NUMBER_FORMATS.share,
  seconds: NUMBER_FORMATS.seconds,
  hour: '@',
} as const;

/** Page footer of every sheet: the confidentiality note and 第 x 页 / 共 y 页. */
function pagePrint(config: ReportConfig): TablePrint {
  return { footerLeft: text(config, 'report', 'confidential'), pageLabel: text(config, 'report', 'page') };
}

/**
 * A figure as an Excel cell: a number under its number format, except an hour of day, which is the
 * hour it spans as text; '数据缺失' for a missing source, never 0.
 */
function figureCell(config: ReportConfig, format: FigureFormat, value: FigureValue, missing: boolean): CellValue {
  if (missing) return text(config, 'report', 'missingValue');
  if (format === 'hour' && value !== null) return figureText(config, format, value, false);
  return value;
}

/** A figure's label for Excel: seconds say so, since the cell holds a plain number of seconds. */
function excelLabel(config: ReportConfig, f: { format: FigureFormat; label: string }): string {
  return f.format === 'seconds' ? `${f.label} (${text(config, 'units', 'seconds')})` : f.label;
}

/**
 * Writes daily-ops-report-<D>.xlsx with the streaming writer: 总览 first (headline figures,
 * comparisons, status colours, a red banner row naming missing sources), one sheet per area with
 * its figures network-wide and per branch, then one detail sheet per exception list.
 */
export async function writeDailyWorkbook(file: string, view: ReportView): Promise<void> {
  // Our own stream, watched: exceljs listens for its errors only in commit(), so a full disk
  // before that was an unhandled 'error' event, and after it a commit that never settled.
  // Renamed into place when whole: no half workbook is left in the run folder.
  await writeThroughStreamAtomic(file, (out) =>
    fillDailyWorkbook(new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true }), view),
  );
}

async function fillDailyWorkbook(workbook: ExcelJS.stream.xlsx.WorkbookWriter, view: ReportView): Promise<void> {
  const { config } = view;
  workbook.creator = text(config, 'report', 'author');
  workbook.title = `${text(config, 'report', 'title')} ${view.date}`;
  workbook.created = new Date(view.generatedAt);

  const print = pagePrint(config);
  const overview = workbook.addWorksheet(sheetName(text(config, 'sections', 'overview')), {
    views: [{ state: 'frozen', ySplit: 0, showGridLines: false }],
    ...printSetup({ ...print, widthChars: widthOf(5) }),
  });
  writeOverview(overview, view);
  overview.commit();

  for (const section of view.sections) {
    const sheet = workbook.addWorksheet(sheetName(section.title), {
      views: [{ showGridLines: false }],
      ...printSetup({ ...print, widthChars: widthOf(Math.max(5, section.figures.length + 1)) }),
    });
    writeSection(sheet, view, section.figures);
    sheet.commit();
  }

  await writeBranchSheet(workbook, view);

  for (const list of view.lists) {
    const columns: TableColumn[] = list.columns.map((c) => ({
      header: text(config, 'fields', c.label),
      width: c.width,
      numFmt: numFmtOf(c),
      align: NUMERIC_KINDS.has(c.kind) || c.kind === 'datetime' || c.kind === 'date' ? 'right' : 'left',
      wrap: c.kind === 'list' || c.kind === 'enumList',
    }));
    if (list.missing) {
      await writeTableSheet(workbook, list.title, columns, [[text(config, 'report', 'missingValue')]], config.theme, print);
      continue;
    }
    await writeTableSheet(workbook, list.title, columns, rowsOf(config, list), config.theme, print);
  }
  await workbook.commit();
}

/**
 * 分网点: one row per branch (by name), the figures the PDF's 网点对比 page shows, side by side.
 * Every figure of an area is also on that area's sheet, per branch.
 */
async function writeBranchSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, view: ReportView): Promise<void> {
  const { config } = view;
  const figures = view.branchFigures;
  const columns: TableColumn[] = [
    { header: text(config, 'columns', 'branch'), width: 14 },
    ...figures.map((f): TableColumn => ({ header: excelLabel(config, f), width: 12, numFmt: FIGURE_FORMATS[f.format], align: 'right' })),
  ];
  const rows = view.branchIds.map((id): CellValue[] => [
    branchName(config, id),
    ...figures.map((f) => figureCell(config, f.format, f.byBranch[id] ?? null, f.missing)),
  ]);
  await writeTableSheet(workbook, text(config, 'sections', 'branches'), columns, rows, config.theme, pagePrint(config));
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
    case 'id':
      return '@'; // text: a long number stays digits, never 1.23E+15
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
    case 'id':
      return textCell(value);
    case 'branch':
      return value === null || value === undefined ? null : textCell(branchName(config, String(value)));
    default:
      return value === null || value === undefined ? null : textCell(cellText(config, c, value));
  }
}

// Five columns for the figure tables; two more so an area's branch table has room.
const COLUMN_WIDTHS = [34, 16, 16, 20, 12, 16, 16];
const TITLE_SPAN = 5;

/** Width in characters of the first `columns` columns of a figure sheet. */
function widthOf(columns: number): number {
  return COLUMN_WIDTHS.slice(0, columns).reduce((sum, w) => sum + w, 0);
}

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

/** A table's header row; `align` gives each header the side its values sit on (numbers right). */
function headerRow(sheet: Worksheet, view: ReportView, labels: string[], align: (col: number) => 'left' | 'right' | 'center'): void {
  const theme = view.config.theme;
  const row = sheet.addRow(labels);
  row.height = 4 + rowHeight(Math.max(...labels.map((l, i) => wrappedLines(l, COLUMN_WIDTHS[i] ?? 12))));
  row.eachCell((cell, col) => {
    cell.font = font({ bold: true, color: { argb: `FF${theme.headerInk.slice(1)}` } });
    cell.fill = solidFill(theme.headerFill);
    cell.alignment = { vertical: 'middle', horizontal: align(col), wrapText: true };
  });
  row.commit();
}

function figureRows(sheet: Worksheet, view: ReportView, list: FigureView[]): void {
  const { config } = view;
  const theme = config.theme;
  const c = (key: string): string => text(config, 'columns', key);
  headerRow(sheet, view, [c('figure'), c('value'), c('previous'), c('mean5'), c('status')], (col) => (col === 1 ? 'left' : col === 5 ? 'center' : 'right'));
  for (const f of list) {
    const numFmt = FIGURE_FORMATS[f.format];
    const history = (v: FigureValue): CellValue => (v === null ? text(config, 'report', 'noHistory') : figureCell(config, f.format, v, false));
    const row = sheet.addRow([
      excelLabel(config, f),
      figureCell(config, f.format, f.comparison.value, f.missing),
      history(f.comparison.previous),
      history(f.comparison.mean5),
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
  headerRow(sheet, view, [text(config, 'columns', 'source'), text(config, 'columns', 'state'), text(config, 'columns', 'reason')], (col) => (col === 2 ? 'center' : 'left'));
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

function writeSection(sheet: Worksheet, view: ReportView, list: FigureView[]): void {
  const { config } = view;
  writeTitle(sheet, view, sheet.name);
  figureRows(sheet, view, list);
  sheet.addRow([]).commit();
  // Per branch: one row per branch, one column per figure of the area.
  headerRow(sheet, view, [text(config, 'columns', 'branch'), ...list.map((f) => excelLabel(config, f))], (col) => (col === 1 ? 'left' : 'right'));
  for (const branchId of view.branchIds) {
    const values = list.map((f): CellValue => figureCell(config, f.format, f.byBranch[branchId] ?? null, f.missing));
    const row = sheet.addRow([branchName(config, branchId), ...values]);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = font();
      const figure = list[col - 2];
      if (figure !== undefined) {
        cell.numFmt = FIGURE_FORMATS[figure.format];
        cell.alignment = { horizontal: 'right' };
      }
    });
    row.commit();
  }
}

import type { Alignment, Cell, CellValue, stream, Style } from 'exceljs';
import { printSetup, rowHeight, wrappedLines, type PrintOptions } from './print-setup';
import { font, sheetName, solidFill, thinBorder } from './styles';

export interface TableColumn {
  header: string;
  /** Width in characters. */
  width: number;
  numFmt?: string;
  /**
   * Where the values sit, and so their header: 'right' for numbers (and dates), 'left' for text.
   * Defaults to 'right' when the column has a number format, else 'left'.
   */
  align?: 'left' | 'right';
  /** Wrap long values (lists of ids) at their spaces instead of cutting them off at the next cell. */
  wrap?: boolean;
}

/** How a table sheet prints (A4, fit to width, header row on every page); page texts are the report's. */
export type TablePrint = Pick<PrintOptions, 'footerLeft' | 'pageLabel'>;

function alignOf(c: TableColumn): 'left' | 'right' {
  return c.align ?? (c.numFmt === undefined || c.numFmt === '@' ? 'left' : 'right');
}

export interface TableTheme {
  headerFill: string;
  headerInk: string;
  rule: string;
}

/**
 * Writes one detail sheet to a streaming workbook: styled header row, frozen below the header,
 * autofilter over every column, widths and number formats per column. Rows are committed as they
 * come, so a 200,000-row list never sits in memory as a sheet.
 *
 * @example await writeTableSheet(wb, '大额交易', columns, rowsOf(list), theme)
 */
export async function writeTableSheet(
  workbook: stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly TableColumn[],
  rows: Iterable<CellValue[]>,
  theme: TableTheme,
  print: TablePrint = {},
): Promise<number> {
  const sheet = workbook.addWorksheet(sheetName(name), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    ...printSetup({ ...print, widthChars: columns.reduce((sum, c) => sum + c.width, 0), titleRows: '1:1' }),
  });
  sheet.columns = columns.map((c) => ({ width: c.width, style: c.numFmt === undefined ? {} : { numFmt: c.numFmt } }));
  const header = sheet.addRow(columns.map((c) => c.header));
  // Tall enough for the longest wrapped header: a header cut to its first line names another thing.
  header.height = 4 + rowHeight(Math.max(...columns.map((c) => wrappedLines(c.header, c.width))));
  header.eachCell((cell: Cell, col: number) => {
    const column = columns[col - 1];
    cell.font = font({ bold: true, color: { argb: `FF${theme.headerInk.slice(1)}` } });
    cell.fill = solidFill(theme.headerFill);
    // Aligned like the values below it, so a right-aligned number sits under its header.
    cell.alignment = { vertical: 'middle', horizontal: column === undefined ? 'left' : alignOf(column), wrapText: true };
    cell.border = { bottom: thinBorder(theme.rule) };
  });
  header.commit();
  // One style object per column, shared by all its cells: exceljs's styles table caches the
  // style id by object identity, so a shared object is resolved once, while a new object per cell
  // made it render and hash the font's XML for every cell (+60 % write time on 100,000 rows,
  // docs/benchmarks.md). Safe because rows are committed here and never restyled afterwards.
  const bodyFont = font();
  const columnStyles = columns.map((c): Partial<Style> => {
    const style: Partial<Style> = { font: bodyFont };
    if (c.numFmt !== undefined) style.numFmt = c.numFmt;
    if (c.wrap === true) style.alignment = { wrapText: true, vertical: 'top' } satisfies Partial<Alignment>;
    return style;
  });
  const plainStyle: Partial<Style> = { font: bodyFont };
  // The same styles reading from the top, for rows made taller by a wrapped cell.
  const topStyles = columnStyles.map((s): Partial<Style> => ({ ...s, alignment: { ...s.alignment, vertical: 'top' } }));
  const wrapColumns = columns.flatMap((c, i) => (c.wrap === true ? [i] : []));
  const wrapping = wrapColumns.length > 0 ? wrapColumns : null;
  let count = 0;
  for (const values of rows) {
    const row = sheet.addRow(values);
    for (let i = 0; i < values.length; i++) row.getCell(i + 1).style = columnStyles[i] ?? plainStyle;
    if (wrapping) {
      // Wrapped cells: the row is made tall enough here, as no program grows it when the file opens.
      let lines = 1;
      for (const i of wrapping) {
        const v = values[i];
        if (typeof v === 'string') lines = Math.max(lines, wrappedLines(v, columns[i]?.width ?? 10));
      }
      if (lines > 1) {
        row.height = rowHeight(lines);
        for (let i = 0; i < values.length; i++) row.getCell(i + 1).style = topStyles[i] ?? plainStyle;
      }
    }
    row.commit();
    count++;
  }
  const last = columns.length;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, count + 1), column: last } };
  sheet.commit();
  return count;
}

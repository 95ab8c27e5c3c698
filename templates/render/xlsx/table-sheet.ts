import type { Cell, CellValue, stream, Style } from 'exceljs';
import { font, sheetName, solidFill, thinBorder } from './styles';

export interface TableColumn {
  header: string;
  /** Width in characters. */
  width: number;
  numFmt?: string;
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
): Promise<number> {
  const sheet = workbook.addWorksheet(sheetName(name), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  sheet.columns = columns.map((c) => ({ width: c.width, style: c.numFmt === undefined ? {} : { numFmt: c.numFmt } }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.height = 20;
  header.eachCell((cell: Cell) => {
    cell.font = font({ bold: true, color: { argb: `FF${theme.headerInk.slice(1)}` } });
    cell.fill = solidFill(theme.headerFill);
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: thinBorder(theme.rule) };
  });
  header.commit();
  // One style object per column, shared by all its cells: exceljs's styles table caches the
  // style id by object identity, so a shared object is resolved once, while a new object per cell
  // made it render and hash the font's XML for every cell (+60 % write time on 100,000 rows,
  // docs/benchmarks.md). Safe because rows are committed here and never restyled afterwards.
  const bodyFont = font();
  const columnStyles = columns.map((c): Partial<Style> => (c.numFmt === undefined ? { font: bodyFont } : { font: bodyFont, numFmt: c.numFmt }));
  const plainStyle: Partial<Style> = { font: bodyFont };
  let count = 0;
  for (const values of rows) {
    const row = sheet.addRow(values);
    for (let i = 0; i < values.length; i++) row.getCell(i + 1).style = columnStyles[i] ?? plainStyle;
    row.commit();
    count++;
  }
  const last = columns.length;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, count + 1), column: last } };
  sheet.commit();
  return count;
}

// A streamed table sheet with per-row styling: like templates/render/xlsx/table-sheet.ts, but rows
// may come from an async source (a million passed accounts) and a row can be coloured / linked.

import type { Cell, CellValue, Row, stream } from 'exceljs';
import { printSetup, rowHeight, wrappedLines } from '../render/xlsx/print-setup';
import { font, sheetName, solidFill, thinBorder } from '../render/xlsx/styles';
import { PDF_TEXT } from './pdf-strings';
import { TABLE_THEME } from './theme';

export interface Column {
  header: string;
  width: number;
  numFmt?: string;
  /** A column of numbers: its header sits right, over them. Defaults to true when numFmt is set. */
  numeric?: boolean;
  /** Long text (a message, an address) wraps in its column instead of running under the next. */
  wrap?: boolean;
}

/** How every sheet of the workbook prints: A4 fit to width, page numbers, the PDF's footer note. */
export function reviewPrint(widthChars: number, titleRows?: string): ReturnType<typeof printSetup> {
  return printSetup({ widthChars, footerLeft: PDF_TEXT.confidential, pageLabel: PDF_TEXT.page, ...(titleRows === undefined ? {} : { titleRows }) });
}

export async function writeStreamedTable<T>(
  workbook: stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly Column[],
  items: AsyncIterable<T> | Iterable<T>,
  toValues: (item: T) => CellValue[],
  styleRow?: (row: Row, item: T) => void,
): Promise<number> {
  const sheet = workbook.addWorksheet(sheetName(name), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    // The header row repeats on every printed page.
    ...reviewPrint(columns.reduce((sum, c) => sum + c.width, 0), '1:1'),
  });
  sheet.columns = columns.map((c) => ({ width: c.width, style: c.numFmt === undefined ? {} : { numFmt: c.numFmt } }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.height = 4 + rowHeight(Math.max(...columns.map((c) => wrappedLines(c.header, c.width))));
  header.eachCell((cell: Cell, col: number) => {
    const column = columns[col - 1];
    cell.font = font({ bold: true, color: { argb: `FF${TABLE_THEME.headerInk.slice(1)}` } });
    cell.fill = solidFill(TABLE_THEME.headerFill);
    // Over numbers the header sits right, where they are; over text, left.
    const numeric = column?.numeric ?? column?.numFmt !== undefined;
    cell.alignment = { vertical: 'middle', horizontal: numeric ? 'right' : 'left', wrapText: true };
    cell.border = { bottom: thinBorder(TABLE_THEME.rule) };
  });
  header.commit();
  const bodyFont = font();
  const wrapped = { wrapText: true, vertical: 'top' } as const;
  let count = 0;
  for await (const item of items) {
    const values = toValues(item);
    const row = sheet.addRow(values);
    values.forEach((_, i) => {
      const cell = row.getCell(i + 1);
      cell.font = bodyFont;
      const fmt = columns[i]?.numFmt;
      if (fmt !== undefined) cell.numFmt = fmt;
      if (columns[i]?.wrap === true) cell.alignment = wrapped;
    });
    // Wrapped cells: the row is made tall enough here, as no program grows it when the file opens.
    let lines = 1;
    values.forEach((v, i) => {
      const column = columns[i];
      if (column?.wrap === true && typeof v === 'string') lines = Math.max(lines, wrappedLines(v, column.width));
    });
    if (lines > 1) {
      row.height = rowHeight(lines);
      // A tall row reads from its top line, not with short cells sunk to the bottom.
      row.eachCell((cell) => {
        cell.alignment = { ...cell.alignment, vertical: 'top' };
      });
    }
    styleRow?.(row, item);
    row.commit();
    count++;
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, count + 1), column: columns.length } };
  sheet.commit();
  return count;
}

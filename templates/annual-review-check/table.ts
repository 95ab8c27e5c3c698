// A streamed table sheet with per-row styling: like templates/render/xlsx/table-sheet.ts, but rows
// may come from an async source (a million passed accounts) and a row can be coloured / linked.

import type { Cell, CellValue, Row, stream } from 'exceljs';
import { font, sheetName, solidFill, thinBorder } from '../render/xlsx/styles';
import { TABLE_THEME } from './theme';

export interface Column {
  header: string;
  width: number;
  numFmt?: string;
}

export async function writeStreamedTable<T>(
  workbook: stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly Column[],
  items: AsyncIterable<T> | Iterable<T>,
  toValues: (item: T) => CellValue[],
  styleRow?: (row: Row, item: T) => void,
): Promise<number> {
  const sheet = workbook.addWorksheet(sheetName(name), { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  sheet.columns = columns.map((c) => ({ width: c.width, style: c.numFmt === undefined ? {} : { numFmt: c.numFmt } }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.eachCell((cell: Cell) => {
    cell.font = font({ bold: true, color: { argb: `FF${TABLE_THEME.headerInk.slice(1)}` } });
    cell.fill = solidFill(TABLE_THEME.headerFill);
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: thinBorder(TABLE_THEME.rule) };
  });
  header.commit();
  const bodyFont = font();
  let count = 0;
  for await (const item of items) {
    const values = toValues(item);
    const row = sheet.addRow(values);
    values.forEach((_, i) => {
      const cell = row.getCell(i + 1);
      cell.font = bodyFont;
      const fmt = columns[i]?.numFmt;
      if (fmt !== undefined) cell.numFmt = fmt;
    });
    styleRow?.(row, item);
    row.commit();
    count++;
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, count + 1), column: columns.length } };
  sheet.commit();
  return count;
}

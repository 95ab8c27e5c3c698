// Rows of the first worksheet of an .xlsx file, streamed with exceljs's sheet reader (opened by
// xlsx-workbook.ts, which bounds what the file may unpack to). Memory: rows are never held; the
// shared-strings table of the file is (that is how xlsx works), so a 1,000,000-row workbook costs
// roughly its distinct-strings size, not its row count × columns.

import type { SheetCell, SheetRow } from './cell';
import { EMPTY_CELL, isEmptyCell } from './cell';
import { AccountsFileError } from './errors';
import { ByteBudget, InputLimitError, type InputLimits } from './limits';
import type { MergedRange } from './merged-cells';
import { readMergedRanges } from './merged-cells';
import { toSheetCell } from './xlsx-cell';
import { openFirstSheet } from './xlsx-workbook';

/**
 * Fills the non-top-left cells of merged blocks with the top-left value, row by row (what the user
 * sees). Never past `maxColumn` (no value is read past it), and a block whose top-left cell is
 * empty only clears the cells the row has: a merge `F2:XFD20001` over empty cells costs nothing,
 * where it cost 16,379 cells on each of 20,000 rows (55 s).
 */
export class MergeFiller {
  private next = 0;
  private active: Array<{ range: MergedRange; master: SheetCell }> = [];

  constructor(
    private readonly file: string,
    private readonly ranges: MergedRange[],
    private readonly maxColumn: number,
  ) {}

  apply(row: SheetRow): void {
    while (this.next < this.ranges.length && this.ranges[this.next]!.top <= row.row) {
      const range = this.ranges[this.next++]!;
      // The top-left cell carries the value for the whole block.
      if (range.top === row.row && range.left <= this.maxColumn) this.active.push({ range, master: row.cells[range.left - 1] ?? EMPTY_CELL });
    }
    if (this.active.length === 0) return;
    this.active = this.active.filter(({ range }) => range.bottom >= row.row);
    let filled = 0;
    for (const { range, master } of this.active) {
      const right = Math.min(range.right, isEmptyCell(master) ? row.cells.length : this.maxColumn);
      for (let col = range.left; col <= right; col++) row.cells[col - 1] = master;
      filled += Math.max(0, right - range.left + 1);
    }
    // Blocks that do not overlap fit in the row's columns; more is a broken (or hostile) sheet whose
    // filling would cost blocks × columns on every row.
    if (this.active.length > this.maxColumn || filled > this.maxColumn) {
      throw new AccountsFileError(this.file, `第 ${row.row} 行处在 ${this.active.length} 个互相重叠的合并区域中，不是有效的工作表`);
    }
    for (let i = 0; i < row.cells.length; i++) row.cells[i] ??= EMPTY_CELL;
  }
}

export async function* readXlsxRows(file: string, limits: InputLimits): AsyncGenerator<SheetRow> {
  const sheet = await openFirstSheet(file, limits);
  // The merge pass reads the sheet once more: its own count, so that the sheet is not counted twice.
  const mergeRead = new ByteBudget(file, 'maxUnzippedBytes', limits.maxUnzippedBytes, 'xlsx 解压后的内容');
  const ranges = await readMergedRanges(sheet.archive, sheet.part, limits.maxCellChars, { read: mergeRead, held: sheet.budgets.held });
  const filler = new MergeFiller(file, ranges, limits.maxCellsPerRow);
  for await (const row of await sheet.rows()) {
    const cells: SheetCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const value = toSheetCell(cell.value, cell.numFmt);
      if (value.kind === 'empty') return;
      // Checked before the row is filled out to `col`: a value in column XFD must not cost 16,384 cells.
      if (col > limits.maxCellsPerRow) throw new InputLimitError(file, 'maxCellsPerRow', limits.maxCellsPerRow, `第 ${row.number} 行第 ${col.toLocaleString('en-US')} 列有内容`);
      if (value.kind === 'text' && value.text.length > limits.maxCellChars) {
        throw new InputLimitError(file, 'maxCellChars', limits.maxCellChars, `第 ${row.number} 行第 ${col} 列有 ${value.text.length.toLocaleString('en-US')} 个字符`);
      }
      cells[col - 1] = value;
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= { kind: 'empty' };
    const sheetRow = { row: row.number, cells };
    filler.apply(sheetRow);
    yield sheetRow;
  }
}

// Rows of the first worksheet of an .xlsx file, streamed with exceljs's WorkbookReader.
// Memory: rows are never held; the shared-strings table of the file is (that is how xlsx works),
// so a 1,000,000-row workbook costs roughly its distinct-strings size, not its row count × columns.

import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { SheetCell, SheetRow } from './cell';
import type { MergedRange } from './merged-cells';
import { readMergedRanges } from './merged-cells';
import { toSheetCell } from './xlsx-cell';

/** Fills the non-top-left cells of merged blocks with the top-left value, row by row. */
class MergeFiller {
  private pending: MergedRange[];
  private active: Array<{ range: MergedRange; values: SheetCell[] }> = [];

  constructor(ranges: MergedRange[]) {
    this.pending = [...ranges];
  }

  apply(row: SheetRow): void {
    while (this.pending[0] && this.pending[0].top <= row.row) {
      const range = this.pending.shift();
      if (range && range.top === row.row) {
        const values = [];
        for (let col = range.left; col <= range.right; col++) values.push(row.cells[col - 1] ?? { kind: 'empty' as const });
        // The top-left cell carries the value for the whole block.
        const master = values[0] ?? { kind: 'empty' as const };
        this.active.push({ range, values: values.map(() => master) });
      }
    }
    this.active = this.active.filter(({ range }) => range.bottom >= row.row);
    for (const { range, values } of this.active) {
      for (let col = range.left; col <= range.right; col++) {
        const cell = values[col - range.left];
        if (cell) row.cells[col - 1] = cell;
      }
    }
  }
}

export async function* readXlsxRows(file: string): AsyncGenerator<SheetRow> {
  const source = createReadStream(file);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // needed to know which number cells are dates
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of workbook) {
      const sheetNo = Number((worksheet as unknown as { id: number | string }).id);
      const filler = new MergeFiller(await readMergedRanges(file, sheetNo));
      for await (const row of worksheet) {
        const cells: SheetCell[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          cells[col - 1] = toSheetCell(cell.value, cell.numFmt);
        });
        for (let i = 0; i < cells.length; i++) cells[i] ??= { kind: 'empty' };
        const sheetRow = { row: row.number, cells };
        filler.apply(sheetRow);
        yield sheetRow;
      }
      // Only the first worksheet holds the accounts; other sheets (notes, lists) are ignored.
      return;
    }
  } finally {
    source.destroy();
  }
}

// A spreadsheet cell as the accounts reader sees it, whatever the file format. CSV cells are all
// text; xlsx cells keep their type so that a number typed into 账号 can be caught, not trusted.

export type SheetCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  /** `numFmt` is the cell's number format (`0000000000` pads with zeros, `yyyy-mm-dd` is a date). */
  | { kind: 'number'; value: number; numFmt?: string }
  | { kind: 'date'; iso: string }
  | { kind: 'error'; code: string };

export interface SheetRow {
  /** Row number as shown to the user (1-based, header row included). */
  row: number;
  /** 0-based column index → cell; missing entries are empty. */
  cells: SheetCell[];
  /** The reader could not read this row as it stands (e.g. a CSV record spanning lines): a row error. */
  error?: string;
}

export const EMPTY_CELL: SheetCell = { kind: 'empty' };

export function isEmptyCell(cell: SheetCell | undefined): boolean {
  return cell === undefined || cell.kind === 'empty' || (cell.kind === 'text' && cell.text.trim() === '');
}

/** Plain text of a cell for header matching and free-text columns. */
export function cellText(cell: SheetCell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return cell.text;
    case 'number':
      // No exponent notation: 1e21 and above are not values a clerk types into these columns.
      return Number.isInteger(cell.value) ? cell.value.toFixed(0) : String(cell.value);
    case 'date':
      return cell.iso;
    case 'error':
      return '';
  }
}

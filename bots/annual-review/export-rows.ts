import ExcelJS from 'exceljs';

/** One row of a spreadsheet export: its number as Excel shows it, and its cells as text. */
export interface ExportRow {
  row: number;
  cells: string[];
}

/**
 * Streams the first worksheet of an .xlsx export as rows of cell texts, so that 100,000 accounts
 * never sit in memory: date cells as YYYY-MM-DD, formulas as the result Excel stored, rich text as
 * its plain text. Meant for a portal's own export (a known, trusted format); an ops user's file
 * goes through the job's hardened input reader instead.
 */
export async function* xlsxExportRows(file: string): AsyncGenerator<ExportRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  for await (const sheet of workbook) {
    for await (const row of sheet) {
      const values = (row.values ?? []) as unknown[];
      // exceljs numbers cells from 1: index 0 is always empty.
      yield { row: row.number, cells: Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1])) };
    }
    return;
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // exceljs gives a date cell as UTC midnight of its day.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const cell = value as { richText?: { text?: string }[]; text?: unknown; result?: unknown; error?: unknown };
  if (Array.isArray(cell.richText)) return cell.richText.map((part) => part.text ?? '').join('');
  if ('result' in cell) return cellText(cell.result);
  if ('text' in cell) return cellText(cell.text);
  if ('error' in cell) throw new Error(`an error cell (${String(cell.error)})`);
  return String(value);
}

import type { CellValue } from 'exceljs';

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

/**
 * A local 'YYYY-MM-DD[ HH:mm:ss]' as an Excel date. exceljs turns a Date into a serial from its
 * UTC clock, so the local clock is put into the UTC fields: the cell shows exactly the portal's time.
 */
export function localDateCell(text: string): Date | string {
  const m = LOCAL_DATE_TIME.exec(text);
  if (m === null) return text;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

/**
 * Text for a cell, always as a plain string. exceljs only writes a formula for `{ formula }`
 * objects, and a string cell is stored as a string (t="s"/"inlineStr"), so '=HYPERLINK(...)' or
 * '+86 138...' typed into a portal stays text in Excel and LibreOffice. This is the one place
 * scraped text enters a workbook, so keep it that way.
 */
export function textCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}

/** A number cell, or null for null (never 0 for a missing value). */
export function numberCell(value: unknown): CellValue {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

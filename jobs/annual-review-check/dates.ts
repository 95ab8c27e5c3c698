// Dates as clerks type them and portals show them, compared as calendar dates.
//
// Example: parseTermDate('2030年1月5日') → { kind: 'date', iso: '2030-01-05' };
//          parseTermDate('无固定期限') → { kind: 'forever' }

import { memoiseText } from './memo';

export type TermDate = { kind: 'date'; iso: string } | { kind: 'forever' };

/** `长期` / `无固定期限` / `永久` (and the usual variants) are one value: no end date. */
const FOREVER = /^(长期|长期有效|无固定期限|永久|永久有效|不约定期限|无期限|9999-12-31)$/u;

/** Excel's day 0 is 1899-12-30 once its 1900 leap-year bug is accounted for. */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function isoOf(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An Excel serial day number (e.g. 47483 = 2030-01-01) as an ISO date; fractions (time) dropped. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const date = new Date(EXCEL_EPOCH_UTC + Math.floor(serial) * DAY_MS);
  return date.toISOString().slice(0, 10);
}

/** A JS Date from a spreadsheet cell (exceljs gives UTC midnight) as an ISO date. */
export function dateCellToIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Parses one date; `null` when the text is not a date in any form we know. Read-only answer. */
export function parseTermDate(raw: string | null | undefined): TermDate | null {
  return raw == null ? null : parseTermText(raw);
}

const parseTermText = memoiseText(parseTermUncached);

function parseTermUncached(raw: string): TermDate | null {
  let text = raw.normalize('NFKC').replace(/\s+/gu, '');
  if (text === '') return null;
  // A term shown as a range (`1998-04-12至2030-01-05`): the end is what matters.
  const range = text.split(/至|~|—|–/u);
  if (range.length === 2 && range[1]) text = range[1];
  if (FOREVER.test(text)) return { kind: 'forever' };

  const ymd = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/u.exec(text);
  if (ymd) {
    const iso = isoOf(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
    return iso ? { kind: 'date', iso } : null;
  }
  const compact = /^(\d{4})(\d{2})(\d{2})$/u.exec(text);
  if (compact) {
    const iso = isoOf(Number(compact[1]), Number(compact[2]), Number(compact[3]));
    return iso ? { kind: 'date', iso } : null;
  }
  // A bare serial from a CSV that was once an Excel sheet: 1 … 2958465 covers years 1900–9999;
  // we only accept 5-digit values (1927–2173) so that a stray small number is not taken as a date.
  if (/^\d{5}(?:\.\d+)?$/u.test(text)) {
    const iso = excelSerialToIso(Number(text));
    return iso ? { kind: 'date', iso } : null;
  }
  return null;
}

export function sameTerm(a: TermDate, b: TermDate): boolean {
  if (a.kind === 'forever' || b.kind === 'forever') return a.kind === b.kind;
  return a.iso === b.iso;
}

export function formatTerm(term: TermDate): string {
  return term.kind === 'forever' ? '长期' : term.iso;
}

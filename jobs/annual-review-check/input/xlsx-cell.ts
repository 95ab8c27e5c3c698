// An exceljs cell value turned into a SheetCell: formulas give their cached result, rich text and
// hyperlinks give their text, date cells give an ISO date.

import type { SheetCell } from './cell';
import { dateCellToIso, excelSerialToIso } from '../dates';

/** A number format shows a date when it has y/m/d letters outside quotes and [colour] tags. */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const bare = numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./gu, '');
  return /[ymd]/iu.test(bare);
}

type ExcelValue = unknown;

function fromValue(value: ExcelValue, numFmt: string | undefined): SheetCell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') return value === '' ? { kind: 'empty' } : { kind: 'text', text: value };
  if (typeof value === 'number') {
    // A formula result keeps its number even under a date format: convert it here.
    if (isDateFormat(numFmt)) {
      const iso = excelSerialToIso(value);
      if (iso) return { kind: 'date', iso };
    }
    return numFmt ? { kind: 'number', value, numFmt } : { kind: 'number', value };
  }
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'error', code: '#VALUE!' } : { kind: 'date', iso: dateCellToIso(value) };
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if ('error' in object) return { kind: 'error', code: String(object.error) };
    if ('formula' in object || 'sharedFormula' in object) {
      // Use the cached result Excel stored; we never evaluate formulas.
      return 'result' in object ? fromValue(object.result, numFmt) : { kind: 'empty' };
    }
    if (Array.isArray(object.richText)) {
      const text = (object.richText as Array<{ text?: unknown }>).map((part) => String(part.text ?? '')).join('');
      return text === '' ? { kind: 'empty' } : { kind: 'text', text };
    }
    if ('text' in object) return fromValue(object.text, numFmt);
  }
  return { kind: 'text', text: String(value) };
}

export function toSheetCell(value: ExcelValue, numFmt: string | undefined): SheetCell {
  return fromValue(value, numFmt);
}

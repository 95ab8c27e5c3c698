// One data row → a ReviewAccountRecord, or the reason it cannot be used.

import type { ReviewAccountRecord } from '../../../bots/records';
import { excelSerialToIso } from '../dates';
import type { SheetCell, SheetRow } from './cell';
import { cellText, isEmptyCell } from './cell';
import type { ColumnMap } from './columns';
import { headerOf } from './columns';

export type RowOutcome = { ok: true; account: ReviewAccountRecord } | { ok: false; accountNo?: string; error: string };

/** `6.22202E+18` is what Excel leaves in a CSV after it turned an account number into a float. */
const EXPONENT_NOTATION = /^\d(?:\.\d+)?E\+?\d+$/iu;

/**
 * An identifier (账号, 统一社会信用代码) must be text. A number cell is accepted only when it is an
 * exact integer (≤ 2^53): we write it without exponent and pad it with the zeros its number format
 * shows (`000000000000`). A larger number has already lost digits in Excel: that row is refused.
 */
function identifierOf(cell: SheetCell | undefined, header: string): { value: string } | { error: string } | null {
  if (!cell || cell.kind === 'empty') return null;
  if (cell.kind === 'number') {
    if (!Number.isSafeInteger(cell.value) || cell.value < 0) {
      return { error: `“${header}”列是数值单元格（${cell.value}），超过 15 位的数字已被 Excel 截断，请将该列设为文本后重新录入` };
    }
    const digits = cell.value.toFixed(0);
    const zeroPad = cell.numFmt && /^0+$/u.test(cell.numFmt) ? cell.numFmt.length : 0;
    return { value: digits.padStart(zeroPad, '0') };
  }
  if (cell.kind === 'date' || cell.kind === 'error') return { error: `“${header}”列不是文本（${cell.kind === 'date' ? `日期 ${cell.iso}` : cell.code}）` };
  const text = cell.text.trim();
  if (text === '') return null;
  if (EXPONENT_NOTATION.test(text)) return { error: `“${header}”列为科学计数法“${text}”，数字已丢失，请提供原始文本` };
  return { value: text };
}

function optionalText(cell: SheetCell | undefined): string | null {
  if (!cell || isEmptyCell(cell)) return null;
  return cellText(cell).trim();
}

/** Date column: a date cell is ISO; a bare number under no date format is read as an Excel serial. */
function optionalDate(cell: SheetCell | undefined): string | null {
  if (!cell || isEmptyCell(cell)) return null;
  if (cell.kind === 'number') return excelSerialToIso(cell.value) ?? cellText(cell);
  return cellText(cell).trim();
}

export function rowToAccount(row: SheetRow, columns: ColumnMap): RowOutcome {
  const at = (field: keyof ColumnMap): SheetCell | undefined => {
    const index = columns[field];
    return index === undefined ? undefined : row.cells[index];
  };
  const accountNo = identifierOf(at('accountNo'), headerOf('accountNo'));
  if (!accountNo) return { ok: false, error: `第 ${row.row} 行缺少“账号”` };
  if ('error' in accountNo) return { ok: false, error: `第 ${row.row} 行${accountNo.error}` };
  const known = { accountNo: accountNo.value };
  const uscc = identifierOf(at('uscc'), headerOf('uscc'));
  if (!uscc) return { ok: false, ...known, error: `第 ${row.row} 行缺少“统一社会信用代码”` };
  if ('error' in uscc) return { ok: false, ...known, error: `第 ${row.row} 行${uscc.error}` };

  return {
    ok: true,
    account: {
      accountNo: accountNo.value,
      name: optionalText(at('name')) ?? '',
      uscc: uscc.value,
      legalRepresentative: optionalText(at('legalRepresentative')) ?? '',
      branch: optionalText(at('branch')),
      accountType: optionalText(at('accountType')),
      registeredCapital: optionalText(at('registeredCapital')),
      address: optionalText(at('address')),
      businessScope: optionalText(at('businessScope')),
      licenseExpiry: optionalDate(at('licenseExpiry')),
      relationshipManager: optionalText(at('relationshipManager')),
    },
  };
}

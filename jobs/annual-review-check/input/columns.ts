// The header row of an accounts file: which column holds which field. Column order is free and
// unknown columns are ignored; header text is matched after NFKC and without spaces, so
// `法定代表人(单位负责人)` written with full-width brackets is recognised too.

import type { ReviewAccountRecord } from '../../../bots/records';
import type { SheetRow } from './cell';
import { cellText } from './cell';
import { MissingColumnError } from './errors';

type Field = keyof ReviewAccountRecord;

interface ColumnSpec {
  field: Field;
  header: string;
  required: boolean;
  aliases: string[];
}

export const ACCOUNT_COLUMNS: readonly ColumnSpec[] = [
  { field: 'accountNo', header: '账号', required: true, aliases: [] },
  { field: 'name', header: '存款人名称', required: true, aliases: [] },
  { field: 'uscc', header: '统一社会信用代码', required: true, aliases: [] },
  { field: 'legalRepresentative', header: '法定代表人', required: true, aliases: ['法定代表人(单位负责人)'] },
  { field: 'branch', header: '开户网点', required: false, aliases: [] },
  { field: 'accountType', header: '账户性质', required: false, aliases: [] },
  { field: 'registeredCapital', header: '注册资本', required: false, aliases: [] },
  { field: 'address', header: '注册地址', required: false, aliases: [] },
  { field: 'businessScope', header: '经营范围', required: false, aliases: [] },
  { field: 'licenseExpiry', header: '营业执照有效期至', required: false, aliases: [] },
  { field: 'relationshipManager', header: '客户经理', required: false, aliases: [] },
];

/** Field → 0-based column index. */
export type ColumnMap = Partial<Record<Field, number>>;

export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[（﹙]/gu, '(')
    .replace(/[）﹚]/gu, ')')
    .replace(/^\*|\*$/gu, ''); // `*账号` marks required columns in many bank templates
}

const FIELD_BY_KEY = new Map<string, ColumnSpec>(
  ACCOUNT_COLUMNS.flatMap((spec) => [spec.header, ...spec.aliases].map((name) => [headerKey(name), spec] as const)),
);

/** How many known column names a row carries: used to find the header under a title row. */
export function knownHeaderCount(row: SheetRow): number {
  return row.cells.filter((cell) => FIELD_BY_KEY.has(headerKey(cellText(cell)))).length;
}

/** Maps the header row; throws MissingColumnError naming every required column that is absent. */
export function resolveColumns(file: string, header: SheetRow): ColumnMap {
  const map: ColumnMap = {};
  header.cells.forEach((cell, index) => {
    const spec = FIELD_BY_KEY.get(headerKey(cellText(cell)));
    // The first occurrence wins if a header is repeated.
    if (spec && map[spec.field] === undefined) map[spec.field] = index;
  });
  const missing = ACCOUNT_COLUMNS.filter((spec) => spec.required && map[spec.field] === undefined).map((spec) => spec.header);
  if (missing.length > 0) throw new MissingColumnError(file, missing, header.row);
  return map;
}

export function headerOf(field: Field): string {
  return ACCOUNT_COLUMNS.find((spec) => spec.field === field)?.header ?? field;
}

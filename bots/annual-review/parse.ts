import type { ReviewAccountRecord } from '../records';
import { headerFields, parseRow, type GridColumns } from '../sdk';
import type { ExportRow } from './export-rows';

const required = (text: string): string => {
  if (text === '') throw new Error('empty');
  return text;
};
const optional = (text: string): string | null => (text === '' ? null : text);

/**
 * The annual-review system's .xlsx export: header text → field. Values are kept as typed (a date
 * cell as YYYY-MM-DD, text as it is); normalisation happens in the job's rules.
 */
export const REVIEW_EXPORT: GridColumns<ReviewAccountRecord> = {
  name: '年检账户清单',
  headers: {
    账号: 'accountNo', 存款人名称: 'name', 统一社会信用代码: 'uscc', 法定代表人: 'legalRepresentative', 开户网点: 'branch', 账户性质: 'accountType',
    注册资本: 'registeredCapital', 注册地址: 'address', 经营范围: 'businessScope', 营业执照有效期至: 'licenseExpiry', 客户经理: 'relationshipManager',
  },
  convert: {
    accountNo: required, uscc: required, branch: optional, accountType: optional, registeredCapital: optional, address: optional,
    businessScope: optional, licenseExpiry: optional, relationshipManager: optional,
  },
};

/**
 * The export's rows → accounts, in file order. The first non-empty row is the header; empty rows
 * are passed over. Anything else unexpected (an unknown or missing column, an empty 账号 or
 * 统一社会信用代码, an account listed twice) throws an Error naming it: the export's format changed.
 */
export async function* parseReviewExport(rows: AsyncIterable<ExportRow>): AsyncGenerator<ReviewAccountRecord> {
  let fields: ReturnType<typeof headerFields<ReviewAccountRecord>> | undefined;
  const firstRowOf = new Map<string, number>();
  for await (const { row, cells } of rows) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    if (!fields) {
      fields = headerFields(REVIEW_EXPORT, cells);
      continue;
    }
    const account = parseRow(REVIEW_EXPORT, cells, fields, row);
    const first = firstRowOf.get(account.accountNo);
    if (first !== undefined) throw new Error(`row ${row}: account ${account.accountNo} again (first in row ${first})`);
    firstRowOf.set(account.accountNo, row);
    yield account;
  }
  if (!fields) throw new Error('the export is empty: no header row');
}

// An ops user's accounts file (.xlsx or .csv), read as a stream of accounts and row errors.
//
// Example:
//   const file = await openAccountsFile('review.xlsx');   // throws MissingColumnError (exit 2) here
//   for await (const entry of file.entries()) {
//     if (entry.kind === 'account') check(entry.account); else inputErrors.push(entry.error);
//   }

import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ReviewAccountRecord } from '../../../bots/records';
import type { SheetRow } from './cell';
import { isEmptyCell } from './cell';
import type { ColumnMap } from './columns';
import { knownHeaderCount, resolveColumns } from './columns';
import { readCsvRows } from './csv-rows';
import type { InputRowError } from './errors';
import { AccountsFileError } from './errors';
import { defaultInputLimits, InputLimitError, type InputLimits } from './limits';
import { rowToAccount } from './row-to-account';
import { readXlsxRows } from './xlsx-rows';

export type AccountsEntry = { kind: 'account'; row: number; account: ReviewAccountRecord } | { kind: 'error'; error: InputRowError };

export interface AccountsFile {
  file: string;
  /** Row number of the header. */
  headerRow: number;
  columns: ColumnMap;
  /** Streams the data rows once; good rows and row errors in file order. */
  entries(): AsyncGenerator<AccountsEntry>;
}

/** A title row (`2025年对公账户年检清单`) may sit above the header; we look this far down for it. */
const HEADER_SEARCH_ROWS = 20;

function rowsOf(file: string, limits: InputLimits): AsyncGenerator<SheetRow> {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.xlsx') return readXlsxRows(file, limits);
  if (extension === '.csv') return readCsvRows(file, limits);
  throw new AccountsFileError(file, `不支持的文件类型“${extension || '无扩展名'}”，请提供 .xlsx 或 .csv`);
}

async function findHeader(file: string, rows: AsyncGenerator<SheetRow>): Promise<SheetRow> {
  let firstNonEmpty: SheetRow | null = null;
  for (let seen = 0; seen < HEADER_SEARCH_ROWS; ) {
    const next = await rows.next();
    if (next.done) break;
    const row = next.value;
    if (!row.error && row.cells.every((cell) => isEmptyCell(cell))) continue;
    seen++;
    firstNonEmpty ??= row;
    if (knownHeaderCount(row) >= 2) return row;
  }
  if (!firstNonEmpty) throw new AccountsFileError(file, '文件为空，没有表头行');
  return firstNonEmpty; // resolveColumns will name what is missing
}

/**
 * A regular file within the size limit. A FIFO, a device (/dev/zero) or a folder is refused before
 * anything reads it: reading one would block or never end.
 */
async function checkFile(file: string, limits: InputLimits): Promise<void> {
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new AccountsFileError(file, '文件不存在或无法读取');
  }
  if (!info.isFile()) throw new AccountsFileError(file, `不是普通文件（${info.isDirectory() ? '是文件夹' : '是设备、管道或套接字'}），拒绝读取`);
  if (info.size > limits.maxFileBytes) {
    throw new InputLimitError(file, 'maxFileBytes', limits.maxFileBytes, `文件有 ${info.size.toLocaleString('en-US')} 字节`);
  }
}

/** Any error from reading the rows names the file and the last row read (exit 2). */
async function* namingFile(file: string, rows: AsyncGenerator<SheetRow>): AsyncGenerator<SheetRow> {
  let lastRow = 0;
  try {
    for (;;) {
      let next: IteratorResult<SheetRow>;
      try {
        next = await rows.next();
      } catch (error) {
        if (error instanceof AccountsFileError) throw error;
        const where = lastRow > 0 ? `第 ${lastRow} 行之后` : '';
        throw new AccountsFileError(file, `${where}无法读取：${error instanceof Error ? error.message : String(error)}`);
      }
      if (next.done) return;
      lastRow = next.value.row;
      yield next.value;
    }
  } finally {
    await rows.return(undefined);
  }
}

/**
 * Opens the file and checks its header. Everything wrong with the file as a whole throws here,
 * except what only shows further down (a quote never closed, a limit passed): that throws from
 * entries(), also as an AccountsFileError (exit 2).
 */
export async function openAccountsFile(file: string, limits: InputLimits = defaultInputLimits()): Promise<AccountsFile> {
  await checkFile(file, limits);
  const rows = namingFile(file, rowsOf(file, limits));
  let header: SheetRow;
  let columns: ColumnMap;
  try {
    header = await findHeader(file, rows);
    columns = resolveColumns(file, header);
  } catch (error) {
    await rows.return(undefined);
    throw error;
  }

  let consumed = false;
  async function* entries(): AsyncGenerator<AccountsEntry> {
    if (consumed) throw new Error(`${file}: entries() can be read only once`);
    consumed = true;
    // First row of each account number, to name it when a duplicate comes (memory: one entry per account).
    const firstRowOf = new Map<string, number>();
    for await (const row of rows) {
      if (row.error) {
        yield { kind: 'error', error: { row: row.row, error: row.error } };
        continue;
      }
      if (row.cells.every((cell) => isEmptyCell(cell))) continue;
      const outcome = rowToAccount(row, columns);
      if (!outcome.ok) {
        const error: InputRowError = { row: row.row, error: outcome.error };
        if (outcome.accountNo) error.accountNo = outcome.accountNo;
        yield { kind: 'error', error };
        continue;
      }
      const { accountNo } = outcome.account;
      const first = firstRowOf.get(accountNo);
      if (first !== undefined) {
        yield { kind: 'error', error: { row: row.row, accountNo, error: `第 ${row.row} 行“账号”${accountNo} 与第 ${first} 行重复` } };
        continue;
      }
      firstRowOf.set(accountNo, row.row);
      yield { kind: 'account', row: row.row, account: outcome.account };
    }
  }

  return { file, headerRow: header.row, columns, entries };
}

// The accounts under review as a job source wrote them: one ReviewAccountRecord per JSONL line
// (from the annual-review bot, or staged by prepare-input from an ops user's file). Streamed, and
// re-readable, so 100,000 accounts never sit in memory.
//
// Example:
//   for await (const entry of readAccountEntries(file)) { if (entry.kind === 'account') ... }

import { ReviewAccountRecord } from '../../../bots/records';
import type { AccountsEntry } from '../input';
import { isBlank } from '../normalise';
import { readJsonlBatches, type JsonlLine } from '../../../bots/sdk/jsonl-reader';
import { quickReviewAccount } from './record-shapes';

/** Judges one record of the file: the account, or the input error it is. */
function entryOf(row: number, { value, error }: JsonlLine, firstRowOf: Map<string, number>): AccountsEntry {
  // The bot's own records pass the cheap check; anything else gets zod's verdict and message.
  const quick = error === undefined ? quickReviewAccount(value) : null;
  const parsed = quick ? ({ success: true, data: quick } as const) : error === undefined ? ReviewAccountRecord.safeParse(value) : null;
  if (!parsed?.success) {
    const issue = parsed?.error.issues[0];
    const accountNo = (value as { accountNo?: unknown } | undefined)?.accountNo;
    return {
      kind: 'error',
      error: {
        row,
        ...(typeof accountNo === 'string' && accountNo ? { accountNo } : {}),
        error: `第 ${row} 条记录无法使用：${error ?? `${issue?.path.join('.') || '(记录)'} ${issue?.message ?? '格式错误'}`}`,
      },
    };
  }
  const account = parsed.data;
  if (isBlank(account.uscc)) {
    return { kind: 'error', error: { row, accountNo: account.accountNo, error: `第 ${row} 条记录缺少“统一社会信用代码”` } };
  }
  const first = firstRowOf.get(account.accountNo);
  if (first !== undefined) {
    return { kind: 'error', error: { row, accountNo: account.accountNo, error: `第 ${row} 条记录“账号”${account.accountNo} 与第 ${first} 条重复` } };
  }
  firstRowOf.set(account.accountNo, row);
  return { kind: 'account', row, account };
}

/**
 * Accounts in file order, a chunk of the file at a time (one await per chunk, not per account);
 * an unusable record (not the record shape, blank 统一社会信用代码, duplicate 账号) becomes an
 * input error named by its position (`row` = record number, 1-based), and the records after it
 * are still read.
 */
export async function* readAccountBatches(file: string): AsyncGenerator<AccountsEntry[]> {
  const firstRowOf = new Map<string, number>();
  let row = 0;
  for await (const lines of readJsonlBatches(file)) {
    const batch: AccountsEntry[] = new Array<AccountsEntry>(lines.length);
    for (let i = 0; i < lines.length; i++) batch[i] = entryOf(++row, lines[i] as JsonlLine, firstRowOf);
    yield batch;
  }
}

/** The same, one entry at a time. */
export async function* readAccountEntries(file: string): AsyncGenerator<AccountsEntry> {
  for await (const batch of readAccountBatches(file)) yield* batch;
}

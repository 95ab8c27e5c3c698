// The accounts under review as a job source wrote them: one ReviewAccountRecord per JSONL line
// (from the annual-review bot, or staged by prepare-input from an ops user's file). Streamed, and
// re-readable, so 100,000 accounts never sit in memory.
//
// Example:
//   for await (const entry of readAccountEntries(file)) { if (entry.kind === 'account') ... }

import { ReviewAccountRecord } from '../../../bots/records';
import type { AccountsEntry } from '../input';
import { isBlank } from '../normalise';
import { readJsonlLines } from './jsonl';
import { quickReviewAccount } from './record-shapes';

/**
 * Accounts in file order; an unusable record (not the record shape, blank 统一社会信用代码,
 * duplicate 账号) becomes an input error named by its position (`row` = record number, 1-based),
 * and the records after it are still read.
 */
export async function* readAccountEntries(file: string): AsyncGenerator<AccountsEntry> {
  const firstRowOf = new Map<string, number>();
  let row = 0;
  for await (const { value, error } of readJsonlLines(file)) {
    row++;
    // The bot's own records pass the cheap check; anything else gets zod's verdict and message.
    const quick = error === undefined ? quickReviewAccount(value) : null;
    const parsed = quick ? ({ success: true, data: quick } as const) : error === undefined ? ReviewAccountRecord.safeParse(value) : null;
    if (!parsed?.success) {
      const issue = parsed?.error.issues[0];
      const accountNo = (value as { accountNo?: unknown } | undefined)?.accountNo;
      yield {
        kind: 'error',
        error: {
          row,
          ...(typeof accountNo === 'string' && accountNo ? { accountNo } : {}),
          error: `第 ${row} 条记录无法使用：${error ?? `${issue?.path.join('.') || '(记录)'} ${issue?.message ?? '格式错误'}`}`,
        },
      };
      continue;
    }
    const account = parsed.data;
    if (isBlank(account.uscc)) {
      yield { kind: 'error', error: { row, accountNo: account.accountNo, error: `第 ${row} 条记录缺少“统一社会信用代码”` } };
      continue;
    }
    const first = firstRowOf.get(account.accountNo);
    if (first !== undefined) {
      yield { kind: 'error', error: { row, accountNo: account.accountNo, error: `第 ${row} 条记录“账号”${account.accountNo} 与第 ${first} 条重复` } };
      continue;
    }
    firstRowOf.set(account.accountNo, row);
    yield { kind: 'account', row, account };
  }
}

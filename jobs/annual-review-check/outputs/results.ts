// results.json: `{ reviewDate, accounts: [{ accountNo, verdict, flags }], inputErrors: [...] }`,
// one account object per input account in input order, as text pieces: streamed, so that a
// million accounts never sit in memory as one string. Pure; results-file.ts writes the file.

import type { Verdict } from '../flag';
import type { InputRowError } from '../input/errors';
import type { AccountJudgement } from '../rules';

export interface AccountResult {
  accountNo: string;
  verdict: Verdict;
  /** Number of flags. */
  flags: number;
}

export interface ResultsDocument {
  reviewDate: string;
  accounts: AccountResult[];
  inputErrors: InputRowError[];
}

export function toAccountResult(judgement: AccountJudgement): AccountResult {
  return { accountNo: judgement.accountNo, verdict: judgement.verdict, flags: judgement.flags.length };
}

/** results.json as text, piece by piece, in the order the file has them. */
export async function* resultsPieces(
  reviewDate: string,
  accounts: AsyncIterable<AccountResult> | Iterable<AccountResult>,
  inputErrors: Iterable<InputRowError>,
): AsyncGenerator<string> {
  yield `{\n  "reviewDate": ${JSON.stringify(reviewDate)},\n  "accounts": [`;
  let first = true;
  for await (const account of accounts) {
    yield `${first ? '' : ','}\n    ${JSON.stringify({ accountNo: account.accountNo, verdict: account.verdict, flags: account.flags })}`;
    first = false;
  }
  yield `${first ? '' : '\n  '}],\n  "inputErrors": [`;
  first = true;
  for (const error of inputErrors) {
    const ordered = error.accountNo === undefined ? { row: error.row, error: error.error } : { row: error.row, accountNo: error.accountNo, error: error.error };
    yield `${first ? '' : ','}\n    ${JSON.stringify(ordered)}`;
    first = false;
  }
  yield `${first ? '' : '\n  '}]\n}\n`;
}

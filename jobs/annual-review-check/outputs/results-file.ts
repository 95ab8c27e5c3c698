// Writes results.json atomically from the pieces of results.ts, as the accounts are judged.

import { writeStreamAtomic } from '../../../bots/sdk/atomic-write';
import type { InputRowError } from '../input/errors';
import { resultsPieces, type AccountResult } from './results';

export async function writeResultsJson(
  file: string,
  reviewDate: string,
  accounts: AsyncIterable<AccountResult> | Iterable<AccountResult>,
  inputErrors: Iterable<InputRowError>,
): Promise<void> {
  await writeStreamAtomic(file, resultsPieces(reviewDate, accounts, inputErrors));
}

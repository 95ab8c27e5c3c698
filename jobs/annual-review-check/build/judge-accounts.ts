// Judges every account against the registry lookups, streaming: one account in, one judged
// account out. Pure apart from reading; called again whenever a writer needs another pass.

import type { ReviewAccountRecord } from '../../../bots/records';
import type { InputRowError } from '../input';
import type { AccountJudgement, RegistryLookup } from '../rules';
import { judgeAccount, needsLookup } from '../rules';
import { readAccountBatches } from './accounts-source';
import type { LookupIndex } from './registry-lookups';

export interface JudgedAccount {
  account: ReviewAccountRecord;
  lookup: RegistryLookup;
  judgement: AccountJudgement;
}

/**
 * While the lookups are still being read: resolves when the account's answer is in, undefined when
 * there is nothing to wait for (no await, no promise per account on the hot path). An invalid code
 * needs no answer; the cheap `isKnown` comes first, since most answers are in and validating the
 * code here as well as in the rules would cost more than the check.
 */
export function untilAnswered(lookups: LookupIndex, account: ReviewAccountRecord): Promise<void> | undefined {
  return lookups.isKnown(account.uscc) || !needsLookup(account) ? undefined : lookups.whenKnown(account.uscc);
}

/**
 * Judged accounts in input order; input errors go to `onInputError` (if given). An account waits
 * for its code's answer while the lookups are still being read (an invalid code needs none).
 */
export async function* judgeAccounts(
  accountsFile: string,
  lookups: LookupIndex,
  reviewDate: string,
  onInputError?: (error: InputRowError) => void,
): AsyncGenerator<JudgedAccount> {
  for await (const batch of readAccountBatches(accountsFile)) {
    for (const entry of batch) {
      if (entry.kind === 'error') {
        onInputError?.(entry.error);
        continue;
      }
      const answered = untilAnswered(lookups, entry.account);
      if (answered) await answered;
      const lookup = lookups.lookupFor(entry.account.uscc);
      yield { account: entry.account, lookup, judgement: judgeAccount(entry.account, lookup, reviewDate) };
    }
  }
}

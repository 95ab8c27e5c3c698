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
      // Known answers first: most are, and validating the code twice would cost more than the check.
      if (!lookups.isKnown(entry.account.uscc) && needsLookup(entry.account)) await lookups.whenKnown(entry.account.uscc);
      const lookup = lookups.lookupFor(entry.account.uscc);
      yield { account: entry.account, lookup, judgement: judgeAccount(entry.account, lookup, reviewDate) };
    }
  }
}

// Judges every account against the registry lookups, streaming: one account in, one judged
// account out. Pure apart from reading; called again whenever a writer needs another pass.

import type { ReviewAccountRecord } from '../../../bots/records';
import type { InputRowError } from '../input';
import type { AccountJudgement, RegistryLookup } from '../rules';
import { judgeAccount } from '../rules';
import { readAccountBatches } from './accounts-source';
import type { LookupIndex } from './registry-lookups';

export interface JudgedAccount {
  account: ReviewAccountRecord;
  lookup: RegistryLookup;
  judgement: AccountJudgement;
}

/** Judged accounts in input order; input errors go to `onInputError` (if given). */
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
      const lookup = lookups.lookupFor(entry.account.uscc);
      yield { account: entry.account, lookup, judgement: judgeAccount(entry.account, lookup, reviewDate) };
    }
  }
}

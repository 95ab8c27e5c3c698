// The reports' totals for a handful of judged accounts, kept as the build step keeps them while it
// judges (build/tally.ts), so a template test hands the workbook what the job would.
import type { ReviewAccountRecord } from '../../../../bots/records';
import { emptyTally, tallyAccount } from '../../../../jobs/annual-review-check/build/tally';
import { reviewTotals } from '../../../../jobs/annual-review-check/report-model';
import type { AccountJudgement, RegistryLookup } from '../../../../jobs/annual-review-check/rules';
import type { MismatchRow, ReviewTotals } from '../../../../templates/annual-review-check/view-model';

export function totalsOf(
  judged: readonly { account: ReviewAccountRecord; judgement: AccountJudgement; lookup?: RegistryLookup }[],
  rows: readonly MismatchRow[],
  inputErrors: number,
): ReviewTotals {
  const tally = emptyTally();
  for (const { account, judgement, lookup } of judged) tallyAccount(tally, { account, judgement, lookup: lookup ?? { kind: 'notFound' } }, undefined);
  tally.counts.inputErrors = inputErrors;
  return reviewTotals(tally.counts, tally.branches.values(), rows);
}

import { defineJob, type SourceRequest } from '../define-job';
import { ACCOUNTS_BOT, REGISTRY_BOT, RUN_FILES } from './build/run-files';
import { buildAnnualReviewStep } from './build-step';
import { inputLimitsOf } from './input/limits';
import { prepareInput } from './prepare-input';

const HOUR = 3_600_000;

/** The registry lookups for the accounts in `accountsFile` (a run-folder path, never a list in the payload). */
function registryLookups(accountsFile: string, date: string): Omit<SourceRequest, 'after'> {
  return { botId: REGISTRY_BOT, input: { accountsFile, evidenceFor: 'flagged', reviewDate: date } };
}

/**
 * 对公账户年检核验: every corporate account under review checked against the business registry.
 * Accounts come from the annual-review portal (its bot, then the lookups after it), or from an ops
 * user's file (`--input`, staged by prepare before anything is queued: a missing column exits 2).
 */
export default defineJob({
  id: 'annual-review-check',
  title: '对公账户年检核验',
  // 02:00 on each business day, for the business day before; a fire found up to 12 h late still runs.
  schedule: { cron: '0 2 * * *', tz: 'Asia/Shanghai', businessDaysOnly: true, dataDate: 'previous-business-day', catchUpMs: 12 * HOUR },
  prepare: async ({ runDir, options, config }) => {
    // Limits from the deployment's config (OPSBOT_INPUT_MAX_*): a hostile file is refused here, exit 2.
    if (typeof options.input === 'string') await prepareInput(runDir, options.input, inputLimitsOf(config));
  },
  sources: ({ date, options }) =>
    typeof options.input === 'string'
      ? [registryLookups(RUN_FILES.inputAccounts, date)]
      : [{ botId: ACCOUNTS_BOT, input: { reviewDate: date } }, { ...registryLookups(RUN_FILES.botAccounts, date), after: ACCOUNTS_BOT }],
  build: (ctx) => buildAnnualReviewStep(ctx),
});

import { defineJob, type SourceRequest } from '../define-job';
import { ACCOUNTS_BOT, REGISTRY_BOT, RUN_FILES } from './build/run-files';
import { startEarlyEvidence } from './build/early-evidence';
import { buildAnnualReviewStep } from './build-step';
import { inputLimitsOf } from './input/limits';
import { prepareInput } from './prepare-input';
import { USCC_ALPHABET } from './uscc';

const HOUR = 3_600_000;

/**
 * The codes worth a registry lookup, as data the bot applies: the shape of a USCC (18 characters of
 * GB 32100's alphabet, uscc.ts). A code of that shape with a wrong check character is looked up
 * too (the registry answers 未查询到); the build flags it on its code whatever the answer.
 */
const USCC_SHAPE = { length: 18, alphabet: USCC_ALPHABET };

/**
 * The registry lookups for the accounts in `accountsFile` (a run-folder path, never a list in the
 * payload). The bot keeps each page it reads; the build renders evidence for what it flags.
 */
function registryLookups(accountsFile: string): Omit<SourceRequest, 'after'> {
  return { botId: REGISTRY_BOT, input: { accountsFile, lookupOnly: USCC_SHAPE } };
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
      ? [registryLookups(RUN_FILES.inputAccounts)]
      : [{ botId: ACCOUNTS_BOT, input: { reviewDate: date } }, { ...registryLookups(RUN_FILES.botAccounts), after: ACCOUNTS_BOT }],
  // The evidence screenshots start while the lookups wait on the registry's rate limit (a head start only).
  alongside: { source: REGISTRY_BOT, start: (ctx) => startEarlyEvidence(ctx) },
  build: (ctx) => buildAnnualReviewStep(ctx),
});

// Names shared by the job's pieces: which bots it runs and where each piece leaves its files in the
// run folder (all relative to the run folder).

export const ACCOUNTS_BOT = 'annual-review.accounts';
export const REGISTRY_BOT = 'registry.company';

export const RUN_FILES = {
  /** Accounts of an ops user's --input file, staged by prepare-input (ReviewAccountRecord lines). */
  inputAccounts: 'sources/annual-review.input.jsonl',
  /** Accounts the annual-review bot downloaded. */
  botAccounts: `sources/${ACCOUNTS_BOT}.jsonl`,
  /** Unusable rows of the --input file: InputRowError[]. */
  inputErrors: 'input-errors.json',
  /** The --input file as received: [{ name, sha256, bytes, rows }]. */
  inputs: 'inputs.json',
  /** Temp: each judged account in short (for the workbook's passes); removed after the build. */
  judgedAccounts: '.judged-accounts.tmp.jsonl',
  /**
   * Temp: the evidence screenshots rendered alongside the registry lookups (early-evidence.ts), one
   * `{ file, sha256 }` line each (sha256 of the kept page it shows); removed after the build.
   */
  earlyEvidence: '.early-evidence.tmp.jsonl',
  mismatches: 'mismatches.json',
  results: 'results.json',
  xlsx: (date: string) => `annual-review-check-${date}.xlsx`,
  pdf: (date: string) => `annual-review-check-${date}.pdf`,
} as const;

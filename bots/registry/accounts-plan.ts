// The registry bot's alternative input for the annual-review check: instead of a list of codes in
// the job payload, a JSONL of ReviewAccountRecord in the run folder. Its distinct valid codes are
// looked up (an invalid code is flagged by the check without a lookup), and with
// `evidenceFor: 'flagged'` a company's detail page is screenshotted only when the check's own
// rules will flag one of its accounts — evidence for exactly the accounts a clerk must look at.
//
// Example:
//   const plan = await planFromAccounts(ctx.runDir, 'sources/annual-review.accounts.jsonl', '2025-10-31');
//   plan.codes; plan.flagged(code, company);

import { createReadStream } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { checkAccount, needsLookup } from '../../jobs/annual-review-check/rules';
import { ReviewAccountRecord, type RegistryCompanyRecord } from '../records';
import { normaliseCode } from './parse';

export interface AccountsPlan {
  /** Distinct valid codes, in first-seen order. */
  codes: string[];
  /** Whether the check will flag an account of this code against this registry record. */
  flagged(code: string, company: RegistryCompanyRecord): boolean;
}

/** A path the job gave, inside the run folder (never an absolute path or one climbing out of it). */
export function resolveInRunDir(runDir: string, relative: string): string {
  const resolved = path.resolve(runDir, relative);
  if (path.isAbsolute(relative) || !resolved.startsWith(path.resolve(runDir) + path.sep)) {
    throw new Error(`accountsFile ${JSON.stringify(relative)} must be a path inside the run folder`);
  }
  return resolved;
}

/**
 * Reads the accounts once. Without a review date only the codes are kept; with one (for
 * 'flagged' evidence) the accounts are kept by code too, which costs about 1 KB per account
 * (fine for the 100,000 accounts of a review; beyond that, judge on disk instead).
 */
export async function planFromAccounts(runDir: string, accountsFile: string, reviewDate: string | null): Promise<AccountsPlan> {
  const file = resolveInRunDir(runDir, accountsFile);
  const byCode = new Map<string, ReviewAccountRecord[]>();
  const lines = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const text of lines) {
    if (!text) continue;
    const parsed = ReviewAccountRecord.safeParse(parseJson(text));
    // The build step reports unusable records as input errors; here they simply need no lookup.
    if (!parsed.success || !needsLookup(parsed.data)) continue;
    const code = normaliseCode(parsed.data.uscc);
    const accounts = byCode.get(code);
    if (reviewDate === null) {
      if (!accounts) byCode.set(code, []);
    } else if (accounts) accounts.push(parsed.data);
    else byCode.set(code, [parsed.data]);
  }
  return {
    codes: [...byCode.keys()],
    flagged: (code, company) =>
      reviewDate !== null && (byCode.get(code) ?? []).some((account) => checkAccount(account, { kind: 'found', company }, reviewDate).length > 0),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

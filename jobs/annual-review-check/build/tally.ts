// Running totals of one pass over the judged accounts: what the PDF and the manifest need, kept
// small (flags and flagged accounts only; passed accounts are counted, not kept).

import type { Flag } from '../flag';
import { countAccount, emptyCounts, type RunCounts } from '../outputs';
import type { BranchCounts } from '../../../templates/annual-review-check/view-model';
import type { JudgedAccount } from './judge-accounts';

/** One branch's running counts: the shape the report's branch table shows. */
export type BranchTally = BranchCounts;

export interface UnverifiableAccount {
  accountNo: string;
  name: string;
  uscc: string;
  branch: string | null;
  error: string;
}

export interface RunTally {
  counts: RunCounts;
  /** By the branch as the bank's record has it: no branch (null) and an empty one are not merged. */
  branches: Map<string | null, BranchTally>;
  flags: Flag[];
  /** Branch and registry evidence of each flagged account, for the mismatch rows. */
  flagged: Map<string, { branch: string | null; evidence?: string }>;
  /** The first unverifiable accounts (all are in the Excel); `counts` has the total. */
  unverifiable: UnverifiableAccount[];
}

const UNVERIFIABLE_KEPT = 200;

export function emptyTally(): RunTally {
  return { counts: emptyCounts(), branches: new Map(), flags: [], flagged: new Map(), unverifiable: [] };
}

function branchOf(tally: RunTally, branch: string | null): BranchTally {
  let found = tally.branches.get(branch);
  if (!found) {
    found = { branch, accounts: 0, byVerdict: { pass: 0, mismatch: 0, unverifiable: 0 }, bySeverity: { critical: 0, high: 0, medium: 0, low: 0 } };
    tally.branches.set(branch, found);
  }
  return found;
}

/** Adds one judged account (mutates `tally`). `evidence` is the registry screenshot, if any. */
export function tallyAccount(tally: RunTally, judged: JudgedAccount, evidence: string | undefined): void {
  const { account, judgement, lookup } = judged;
  countAccount(tally.counts, judgement.verdict, judgement.flags);
  const branch = branchOf(tally, account.branch);
  branch.accounts++;
  branch.byVerdict[judgement.verdict]++;
  for (const flag of judgement.flags) {
    branch.bySeverity[flag.severity]++;
    tally.flags.push(flag);
  }
  if (judgement.flags.length > 0) {
    // An invalid code was never looked up: no registry page to show for it.
    const looked = judgement.flags.some((f) => f.field !== 'uscc');
    tally.flagged.set(account.accountNo, looked && evidence ? { branch: account.branch, evidence } : { branch: account.branch });
  }
  if (judgement.verdict === 'unverifiable' && tally.unverifiable.length < UNVERIFIABLE_KEPT) {
    tally.unverifiable.push({
      accountNo: account.accountNo,
      name: account.name,
      uscc: account.uscc,
      branch: account.branch,
      error: lookup.kind === 'failed' ? lookup.error : '登记系统查询失败',
    });
  }
}

import type { CaseState, JsonValue, Severity } from '../../runtime/db';

/** One flag of a run, as the ledger needs it: who, which field, the values, and their fingerprint. */
export interface RunFlag {
  accountNo: string;
  field: string;
  severity: Severity;
  /** 开户网点 of the account; null when the bank's record has none. */
  branch: string | null;
  bankValue: string | null;
  registryValue: string | null;
  /** caseFingerprint of the values, with the job's own normalisation. */
  fingerprint: string;
  /** The flag as the run wrote it (message, rule, evidence, …): kept on the case and the run's row. */
  flag: JsonValue;
}

/** What a run's flag is, against the cases (the `status` of mismatches.json). */
export type RunFlagStatus = 'new' | 'recurring' | 'confirmed' | 'dismissed';

export interface FlagOutcome {
  status: RunFlagStatus;
  caseId: number;
}

/** A case this run resolved: it was open, proposed or confirmed, and the run no longer flags it. */
export interface ResolvedCase {
  caseId: number;
  accountNo: string;
  field: string;
  severity: Severity;
  branch: string;
  bankValue: string;
  registryValue: string;
  /** Its state before the run resolved it. */
  stateBefore: CaseState;
  /** The flag that opened it. */
  flag: JsonValue;
}

export interface ApplyRunResult {
  /** One per flag, in the order the flags were given. */
  flags: FlagOutcome[];
  resolved: ResolvedCase[];
  /** Old cases closed because their values changed (or their dismissal expired); each has a new case among `flags`. */
  superseded: number;
  /** True when this run had been applied before (a retried build): the outcome is the one recorded then, nothing changed. */
  alreadyApplied: boolean;
}

/** (account, field): one live case at most per job. */
export function caseKey(accountNo: string, field: string): string {
  return `${accountNo}\u0000${field}`;
}

// The `status` and `caseId` keys of mismatches.json once the run's flags were applied to the case
// ledger: the status the ledger gives (new / recurring / confirmed / dismissed) replaces the one
// against the previous run, and `caseId` follows it, before `evidence` (the spec's key order).
//
// Example:
//   withCaseOutcomes(entries, applied.flags)   // applied = applyRunToCases(…) over the same entries, same order

import type { FlagOutcome } from '../../review/cases';
import type { MismatchWithEvidence } from './mismatch-evidence';

export function withCaseOutcomes(entries: readonly MismatchWithEvidence[], outcomes: readonly FlagOutcome[]): MismatchWithEvidence[] {
  if (outcomes.length !== entries.length) throw new Error(`${outcomes.length} case outcomes for ${entries.length} mismatches`);
  return entries.map(({ evidence, status: _againstPrevious, caseId: _none, ...flag }, i) => {
    const { status, caseId } = outcomes[i]!;
    return evidence ? { ...flag, status, caseId, evidence } : { ...flag, status, caseId };
  });
}

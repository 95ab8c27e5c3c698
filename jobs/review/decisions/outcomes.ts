import type { CaseState, DecisionStatus, Severity } from '../../runtime/db';
import { needsChecker, type ReviewPolicy } from './review-policy';

/** What a proposal does: wait for a checker, or take effect at once (review-workbench.md, Cases). */
export interface ProposalOutcome {
  decisionStatus: Extract<DecisionStatus, 'pending' | 'effective'>;
  caseState: Extract<CaseState, 'proposed' | 'confirmed' | 'dismissed'>;
  auditAction: 'case.proposed' | 'case.confirmed' | 'case.dismissed';
}

export function proposalOutcome(policy: ReviewPolicy, severity: Severity, kind: 'confirm' | 'dismiss'): ProposalOutcome {
  if (needsChecker(policy, severity)) return { decisionStatus: 'pending', caseState: 'proposed', auditAction: 'case.proposed' };
  return kind === 'confirm'
    ? { decisionStatus: 'effective', caseState: 'confirmed', auditAction: 'case.confirmed' }
    : { decisionStatus: 'effective', caseState: 'dismissed', auditAction: 'case.dismissed' };
}

/** The state an approved proposal puts the case in. */
export const approvedState = (kind: 'confirm' | 'dismiss'): 'confirmed' | 'dismissed' => (kind === 'confirm' ? 'confirmed' : 'dismissed');

/** Cases a clerk may still propose on: open ones only (a proposal waits, a decision stands). */
export const PROPOSABLE: readonly CaseState[] = ['open'];
/** Cases that may be escalated: those still waiting for someone. */
export const ESCALATABLE: readonly CaseState[] = ['open', 'proposed'];

/** The states in words, for messages: the same table the pages and reports show. */
export { CASE_STATE_LABELS as STATE_NAMES } from '../../../templates/annual-review-check/strings';

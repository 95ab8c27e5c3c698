import type { Severity } from '../../runtime/db';

/** The configured rules decisions follow (review-workbench.md, Cases). */
export interface ReviewPolicy {
  /** Severities whose proposals take effect only when a checker approves them (default critical, high). */
  fourEyesSeverities: readonly Severity[];
  /** A dismissal holds this many calendar days unless the values change first (default 365). */
  dismissalDays: number;
}

export const DEFAULT_REVIEW_POLICY: ReviewPolicy = { fourEyesSeverities: ['critical', 'high'], dismissalDays: 365 };

export function needsChecker(policy: ReviewPolicy, severity: Severity): boolean {
  return policy.fourEyesSeverities.includes(severity);
}

import type { Severity } from '../../runtime/db';
import type { Config } from '../../runtime/config';

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

/** The policy as configured (OPSBOT_FOUR_EYES_SEVERITIES, OPSBOT_DISMISSAL_EXPIRY_DAYS). */
export function reviewPolicyOf(config: Pick<Config, 'fourEyesSeverities' | 'dismissalExpiryDays'>): ReviewPolicy {
  return { fourEyesSeverities: [...config.fourEyesSeverities], dismissalDays: config.dismissalExpiryDays };
}

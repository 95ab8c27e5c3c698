import type { Config } from '../../runtime/config/schema';
import type { Severity } from '../../runtime/db';

/** What the ledger's rules take from the configuration (review-workbench.md; defaults in schema.ts). */
export interface CaseSettings {
  /** Working days from a case's creation day to its due date, by severity. */
  slaWorkingDays: Record<Severity, number>;
  /** Calendar days a dismissal holds when the values stay the same. */
  dismissalExpiryDays: number;
  /** Severities whose proposals wait for a checker other than the proposer. */
  fourEyesSeverities: readonly Severity[];
}

export function caseSettingsOf(config: Pick<Config, 'slaDaysCritical' | 'slaDaysHigh' | 'slaDaysMedium' | 'slaDaysLow' | 'dismissalExpiryDays' | 'fourEyesSeverities'>): CaseSettings {
  return {
    slaWorkingDays: { critical: config.slaDaysCritical, high: config.slaDaysHigh, medium: config.slaDaysMedium, low: config.slaDaysLow },
    dismissalExpiryDays: config.dismissalExpiryDays,
    fourEyesSeverities: config.fourEyesSeverities,
  };
}

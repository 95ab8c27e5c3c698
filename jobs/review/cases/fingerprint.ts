import { createHash } from 'node:crypto';

/**
 * Turns one side's value into the text its comparison sees (e.g. full-width → half-width, `1000万元`
 * → `10000000 CNY`). The job that raised the flag hands its own: the ledger judges no field itself.
 */
export type ValueNormaliser = (value: string | null) => string;

export interface FingerprintOptions {
  normalise: ValueNormaliser;
  /**
   * Judged from the registry alone (`status`, `seriousViolation`, `abnormalOperation`): the bank's
   * side is left out, so only a change on the registry's side makes a new case.
   */
  registryOnly?: boolean;
}

/**
 * A case's fingerprint (review-workbench.md, Cases): sha256 (hex) of the normalised bank value and
 * the normalised registry value. A decision holds while the fingerprint stays the same; cosmetic
 * edits (spaces, bracket styles) keep it, any real change of either value makes another.
 *
 * @example
 * caseFingerprint({ bankValue: '张三', registryValue: '李四' }, { normalise: (v) => v ?? '' })
 */
export function caseFingerprint(values: { bankValue: string | null; registryValue: string | null }, options: FingerprintOptions): string {
  const bank = options.registryOnly ? null : options.normalise(values.bankValue);
  // A JSON pair, so that no two different (bank, registry) pairs run together into the same text.
  return createHash('sha256').update(JSON.stringify([bank, options.normalise(values.registryValue)])).digest('hex');
}

import type { ReasonCode } from '../../runtime/db';

/** The spec's four dismissal reasons (review-workbench.md, Cases); the database checks the same list. */
export const REASON_CODES: readonly ReasonCode[] = ['已核实一致', '登记机关数据滞后', '客户已提交变更', '其他'];

export function isReasonCode(value: string): value is ReasonCode {
  return (REASON_CODES as readonly string[]).includes(value);
}

/** A dismissal must say why in at least this many characters (after trimming). */
export const MIN_DISMISS_COMMENT = 5;

import type { ReasonCode } from '../../runtime/db';
import { DecisionError } from './decision-error';
import { isReasonCode, MIN_DISMISS_COMMENT, REASON_CODES } from './reason-codes';
import { isRemediationAction, type RemediationAction } from './remediation-actions';

/** A clerk's proposal, checked. */
export type ProposalInput =
  | { kind: 'confirm'; action: RemediationAction; comment: string }
  | { kind: 'dismiss'; reasonCode: ReasonCode; comment: string };

/** A checker's answer, checked. */
export type AnswerInput = { verdict: 'approve'; comment: string | null } | { verdict: 'reject'; comment: string };

/** Longest comment kept: a page of text; longer is refused rather than cut. */
export const MAX_COMMENT = 2_000;

/** What a form posted: every field a string or missing (express's urlencoded body). */
export type FormFields = Record<string, unknown>;

const text = (form: FormFields, key: string): string => (typeof form[key] === 'string' ? (form[key] as string).trim() : '');

function comment(form: FormFields, required: string, min = 1): string {
  const value = text(form, 'comment');
  if (value.length === 0) throw new DecisionError('invalid', required);
  if (value.length < min) throw new DecisionError('invalid', `说明至少 ${min} 个字（现为 ${value.length} 个字）。`);
  if (value.length > MAX_COMMENT) throw new DecisionError('invalid', `说明不能超过 ${MAX_COMMENT} 个字。`);
  return value;
}

/**
 * Reads a confirm / dismiss form; throws DecisionError('invalid') naming what is wrong.
 *
 * @example parseProposal({ kind: 'dismiss', reasonCode: '已核实一致', comment: '客户来电核实无误' })
 */
export function parseProposal(form: FormFields): ProposalInput {
  const kind = text(form, 'kind');
  if (kind === 'confirm') {
    const action = text(form, 'action');
    if (!action) throw new DecisionError('invalid', '确认时请选择处理措施。');
    if (!isRemediationAction(action)) throw new DecisionError('invalid', `未知的处理措施“${action}”，请从列表中选择。`);
    return { kind, action, comment: comment(form, '确认时请填写说明。') };
  }
  if (kind === 'dismiss') {
    const reasonCode = text(form, 'reasonCode');
    if (!reasonCode) throw new DecisionError('invalid', '忽略时请选择原因。');
    if (!isReasonCode(reasonCode)) throw new DecisionError('invalid', `未知的忽略原因“${reasonCode}”，可选：${REASON_CODES.join('、')}。`);
    return { kind, reasonCode, comment: comment(form, `忽略时请填写说明（至少 ${MIN_DISMISS_COMMENT} 个字）。`, MIN_DISMISS_COMMENT) };
  }
  throw new DecisionError('invalid', '请选择“确认”或“忽略”。');
}

/** Reads an escalation form: the comment says why. */
export function parseEscalation(form: FormFields): { comment: string } {
  return { comment: comment(form, '升级时请填写说明。') };
}

/** Reads an approve / reject form: a rejection must say why (the clerk reads it on the case). */
export function parseAnswer(form: FormFields): AnswerInput {
  const verdict = text(form, 'verdict');
  if (verdict === 'approve') {
    const value = text(form, 'comment');
    if (value.length > MAX_COMMENT) throw new DecisionError('invalid', `说明不能超过 ${MAX_COMMENT} 个字。`);
    return { verdict, comment: value || null };
  }
  if (verdict === 'reject') return { verdict, comment: comment(form, '退回时请填写退回意见。') };
  throw new DecisionError('invalid', '请选择“通过”或“退回”。');
}

/** The page's version of the case, as the form carried it. */
export function parseVersion(form: FormFields): number {
  const raw = text(form, 'version');
  const version = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(version) || version < 1) throw new DecisionError('invalid', '表单缺少案件版本号，请刷新页面后重试。');
  return version;
}

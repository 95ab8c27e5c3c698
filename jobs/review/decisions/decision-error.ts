/**
 * Why a decision was refused; nothing was changed. `message` is Chinese and shown on the page as
 * is, so it names what to do next.
 *
 * - `invalid`: the form's input is wrong (unknown reason code, short comment, unknown action).
 * - `stale`: the case changed since the page was loaded (another user decided first).
 * - `state`: the case is in a state where this decision does not apply.
 * - `forbidden`: the user's role or branches do not allow it (four eyes included).
 * - `notFound`: no such case.
 */
export type DecisionErrorKind = 'invalid' | 'stale' | 'state' | 'forbidden' | 'notFound';

export class DecisionError extends Error {
  override readonly name = 'DecisionError';
  constructor(
    readonly kind: DecisionErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export const STALE_MESSAGE = '该案件在您打开页面后已被他人修改，本次操作未保存。请刷新页面，查看最新状态后再操作。';

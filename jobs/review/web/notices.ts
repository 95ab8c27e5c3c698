import type { Notice } from '../../../templates/web/review/view-models';
import type { DecisionErrorKind } from '../decisions';

/** What a redirect after a decision says on the next page; only these keys, never text from the URL. */
const DONE: Record<string, string> = {
  proposed: '处理意见已提交，等待复核。',
  confirmed: '已确认，处理意见已生效。',
  dismissed: '已忽略，处理意见已生效。',
  escalated: '案件已升级。',
  approved: '复核通过，处理意见已生效。',
  rejected: '已退回经办，案件重新待处理。',
  changeQueuedLater: '变更申请已保存，但暂时无法加入执行队列；系统会自动重新加入，无需再次操作。',
};

export function doneNotice(query: Record<string, unknown>): Notice | undefined {
  const key = typeof query.done === 'string' ? query.done : '';
  const text = Object.hasOwn(DONE, key) ? DONE[key] : undefined;
  return text ? { kind: 'info', text } : undefined;
}

/** The audit-like key a result redirects with. */
export function doneKey(state: string, answered?: 'approve' | 'reject'): string {
  if (answered) return answered === 'approve' ? 'approved' : 'rejected';
  return state === 'proposed' ? 'proposed' : state;
}

/** HTTP status of a refused decision: the page is shown again with the message. */
export const REFUSAL_STATUS: Record<DecisionErrorKind, number> = { invalid: 400, stale: 409, state: 409, forbidden: 403, notFound: 404 };

// Registry status (登记状态) classes. Portals write the same state many ways
// (`吊销，未注销`, `已注销`, `存续（在营、开业、在册）`), so we classify by keyword.
//
// Example: classifyStatus('吊销，未注销') → { class: 'critical', kind: 'revoked' }

import { memoiseText } from './memo';
import { normaliseText } from './normalise';

export type StatusKind =
  | 'active'
  | 'revoked' // 吊销
  | 'cancelled' // 撤销
  | 'deregistered' // 注销
  | 'movedOut' // 迁出
  | 'suspended' // 停业 / 歇业
  | 'liquidating' // 清算
  | 'unknown';

export type StatusClass = 'active' | 'critical' | 'high' | 'unknown';

export interface StatusClassification {
  class: StatusClass;
  kind: StatusKind;
}

/**
 * Checked in order. 吊销 before 注销 because `吊销，未注销` is a revocation; 歇业 (suspension under
 * the 2022 市场主体登记管理条例) is treated like 停业.
 */
const KEYWORDS: ReadonlyArray<readonly [RegExp, StatusKind, StatusClass]> = [
  [/吊销/u, 'revoked', 'critical'],
  [/撤销/u, 'cancelled', 'critical'],
  [/注销/u, 'deregistered', 'critical'],
  [/迁出/u, 'movedOut', 'high'],
  [/停业|歇业/u, 'suspended', 'high'],
  [/清算/u, 'liquidating', 'high'],
  [/存续|在业|开业|在营|在册|正常/u, 'active', 'active'],
];

/** Empty status means 存续 (the registry leaves it blank for going concerns). Read-only answer. */
export function classifyStatus(raw: string | null | undefined): StatusClassification {
  return classifyStatusText(raw ?? '');
}

const classifyStatusText = memoiseText(classifyUncached);

function classifyUncached(raw: string): StatusClassification {
  const text = normaliseText(raw);
  if (text === '') return { class: 'active', kind: 'active' };
  for (const [pattern, kind, statusClass] of KEYWORDS) {
    if (pattern.test(text)) return { class: statusClass, kind };
  }
  return { class: 'unknown', kind: 'unknown' };
}

// Words the review pages show (zh-CN); the case states of review-workbench.md, Cases.

export { FIELD_LABELS, SEVERITY_LABELS } from '../../annual-review-check/strings';

export { CASE_STATE_LABELS as STATE_LABELS } from '../../annual-review-check/strings';

export const KIND_LABELS = { confirm: '确认', dismiss: '忽略', escalate: '升级' } as const;

export const DECISION_STATUS_LABELS = { pending: '待复核', approved: '复核通过', rejected: '已退回', effective: '已生效', withdrawn: '已撤销（案件已关闭）' } as const;

export const FLAG_STATUS_LABELS = { new: '新增', recurring: '持续', confirmed: '已确认', dismissed: '已忽略', resolved: '已解决', superseded: '值已变化' } as const;

export const DUE_LABELS = { overdue: '已逾期', today: '今日及以前到期' } as const;

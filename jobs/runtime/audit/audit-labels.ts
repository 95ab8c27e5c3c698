import { canonicalJson } from './canonical-json';

/** The spec's action names as an auditor reads them (review-workbench.md, Audit). */
export const ACTION_LABELS: Readonly<Record<string, string>> = {
  login: '登录',
  'login.failed': '登录失败',
  logout: '退出登录',
  'user.added': '新增用户',
  'user.disabled': '停用用户',
  'case.created': '案件创建',
  'case.recurring': '案件再次出现',
  'case.proposed': '经办提出处理意见',
  'case.approved': '复核通过',
  'case.rejected': '复核退回',
  'case.escalated': '案件上报',
  'case.confirmed': '案件确认',
  'case.dismissed': '案件忽略',
  'case.resolved': '案件已解决',
  'case.superseded': '案件被取代（数值变化）',
  'change.prepared': '变更申请已准备',
  'change.approved': '变更申请复核通过',
  'change.submitted': '变更申请已提交',
  'change.failed': '变更申请失败',
  'change.returned': '变更申请被退回',
  'schedule.set': '修改计划',
  'schedule.paused': '暂停计划',
  'schedule.resumed': '恢复计划',
  'digest.sent': '逾期提醒已发送',
};

/** Keys of before/after values the auditor meets most, in Chinese; any other key is shown as stored. */
const KEY_LABELS: Readonly<Record<string, string>> = {
  name: '用户名',
  role: '角色',
  branches: '网点',
  disabled: '已停用',
  state: '状态',
  comment: '意见',
  reason: '原因',
  reasonCode: '原因代码',
  action: '处理措施',
  kind: '类型',
  cron: '计划 (cron)',
  tz: '时区',
  paused: '已暂停',
  overridden: '已修改项',
  runId: '运行',
};

/**
 * A before/after value as lines an auditor reads: `角色：clerk`, one key a line, lists joined by
 * '、', yes/no as 是/否, nested values as compact JSON. Null (nothing before, e.g. a new case) is ''.
 */
export function readableValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object' || Array.isArray(value)) return scalarText(value);
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    // A user's empty branch list means every branch (review-workbench.md, Who), not none.
    .map(([k, v]) => `${KEY_LABELS[k] ?? k}：${k === 'branches' && Array.isArray(v) && v.length === 0 ? '全部网点' : scalarText(v)}`)
    .join('\n');
}

function scalarText(v: unknown): string {
  if (v === null || v === undefined) return '（无）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '（空）' : v.every((x) => x === null || typeof x !== 'object') ? v.map(scalarText).join('、') : canonicalJson(v);
  return canonicalJson(v);
}

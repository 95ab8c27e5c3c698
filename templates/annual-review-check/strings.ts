// Words the annual-review-check reports show to people (zh-CN).

import type { FlagField, MismatchStatus, Severity, Verdict } from './view-model';

export const FIELD_LABELS: Record<FlagField, string> = {
  uscc: '统一社会信用代码',
  notFound: '登记查无此企业',
  status: '登记状态',
  name: '存款人名称',
  legalRepresentative: '法定代表人',
  licenseExpiry: '营业执照有效期',
  registeredCapital: '注册资本',
  address: '注册地址',
  businessScope: '经营范围',
  seriousViolation: '严重违法失信名单',
  abnormalOperation: '经营异常名录',
};

export const SEVERITY_LABELS: Record<Severity, string> = { critical: '严重', high: '高', medium: '中', low: '低' };

export const VERDICT_LABELS: Record<Verdict, string> = { pass: '通过', mismatch: '不一致', unverifiable: '无法核验' };

export const STATUS_LABELS: Record<MismatchStatus, string> = { new: '新增', recurring: '持续', confirmed: '已确认', dismissed: '已忽略' };

/** Case states as the workbench names them (review-workbench.md). */
/** The case states of review-workbench.md in words: the one table the reports, the workbench's pages and its messages use. */
export const CASE_STATE_LABELS = { open: '待处理', proposed: '待复核', confirmed: '已确认', dismissed: '已忽略', resolved: '已解决', superseded: '已被替代' } as const;

export const SHEETS = {
  summary: '汇总',
  mismatches: '不一致明细',
  // The review workbench's two, when the run kept cases.
  dismissed: '已复核忽略',
  resolved: '本次已解决',
  passed: '核验通过',
  unverifiable: '无法核验',
  inputErrors: '输入错误',
} as const;

export const TEXT = {
  title: '对公账户年检核验（工商登记比对）',
  reviewDate: '核验日期',
  totals: '总体情况',
  accounts: '核验账户数',
  flags: '不一致项',
  inputErrors: '输入错误行',
  bySeverity: '按严重程度',
  byField: '按核验项',
  byBranch: '按开户网点',
  noBranch: '（未填网点）',
  evidenceLink: '查看截图',
  noEvidence: '无截图',
  evidencePageLink: '查看原页',
  noEvidencePage: '无原页',
  dismissedNote: '其中已复核忽略（不计入明细）',
} as const;

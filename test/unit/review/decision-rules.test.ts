import { describe, expect, it } from 'vitest';
import {
  branchScope,
  coversBranch,
  DEFAULT_REVIEW_POLICY,
  isReasonCode,
  isRemediationAction,
  mayAnswer,
  mayEscalate,
  mayPropose,
  parseAnswer,
  parseEscalation,
  parseProposal,
  parseVersion,
  proposalOutcome,
  REMEDIATION_ACTIONS,
  reviewPolicyOf,
  suggestedAction,
  type Reviewer,
} from '../../../jobs/review/decisions';

const clerk: Reviewer = { name: 'wang', role: 'clerk', branches: ['001', '002'] };

describe('parseProposal', () => {
  it('accepts a confirm with a listed action and a comment, trimmed', () => {
    expect(parseProposal({ kind: 'confirm', action: REMEDIATION_ACTIONS[0], comment: '  已通知客户 ' })).toEqual({ kind: 'confirm', action: REMEDIATION_ACTIONS[0], comment: '已通知客户' });
  });
  it('accepts a dismiss with one of the four reasons and five characters', () => {
    expect(parseProposal({ kind: 'dismiss', reasonCode: '登记机关数据滞后', comment: '一二三四五' })).toMatchObject({ reasonCode: '登记机关数据滞后' });
  });
  it.each([
    [{ kind: 'confirm', comment: '已处理' }, '请选择处理措施'],
    [{ kind: 'confirm', action: '自定义措施', comment: '已处理' }, '未知的处理措施'],
    [{ kind: 'dismiss', comment: '一二三四五' }, '请选择原因'],
    [{ kind: 'dismiss', reasonCode: 'other', comment: '一二三四五' }, '未知的忽略原因'],
    [{ kind: 'dismiss', reasonCode: '其他', comment: '一二三四' }, '至少 5 个字'],
    [{ kind: 'dismiss', reasonCode: '其他', comment: 'x'.repeat(2_001) }, '不能超过'],
    [{ kind: 'dismiss', reasonCode: '其他', comment: ['数组', '不是文本'] }, '请填写说明'],
    [{}, '请选择“确认”或“忽略”'],
  ])('%j is refused: %s', (form, message) => {
    expect(() => parseProposal(form)).toThrow(message);
  });
});

describe('parseAnswer, parseEscalation, parseVersion', () => {
  it('approve takes an optional comment, reject needs one', () => {
    expect(parseAnswer({ verdict: 'approve' })).toEqual({ verdict: 'approve', comment: null });
    expect(parseAnswer({ verdict: 'reject', comment: '材料不全' })).toEqual({ verdict: 'reject', comment: '材料不全' });
    expect(() => parseAnswer({ verdict: 'reject' })).toThrow('退回意见');
    expect(() => parseAnswer({ verdict: 'maybe' })).toThrow('请选择');
  });
  it('escalation needs a comment', () => {
    expect(() => parseEscalation({ comment: '' })).toThrow('升级时请填写说明');
    expect(parseEscalation({ comment: '加急' })).toEqual({ comment: '加急' });
  });
  it('the version must be a positive whole number', () => {
    expect(parseVersion({ version: '3' })).toBe(3);
    for (const version of ['', '0', '-1', '1.5', 'abc', undefined]) expect(() => parseVersion({ version })).toThrow('版本号');
  });
});

describe('who may do what', () => {
  it('an empty branch list and admins cover every branch', () => {
    expect(coversBranch(clerk, '002')).toBe(true);
    expect(coversBranch(clerk, '003')).toBe(false);
    expect(coversBranch({ ...clerk, branches: [] }, '003')).toBe(true);
    expect(coversBranch({ name: 'a', role: 'admin', branches: ['001'] }, '003')).toBe(true);
    expect(branchScope(clerk)).toEqual(['001', '002']);
    expect(branchScope({ ...clerk, branches: [] })).toBeUndefined();
  });
  it('clerks propose, checkers answer, viewers do nothing', () => {
    expect([mayPropose(clerk), mayAnswer(clerk), mayEscalate(clerk)]).toEqual([true, false, true]);
    const checker: Reviewer = { ...clerk, role: 'checker' };
    expect([mayPropose(checker), mayAnswer(checker), mayEscalate(checker)]).toEqual([false, true, true]);
    const viewer: Reviewer = { ...clerk, role: 'viewer' };
    expect([mayPropose(viewer), mayAnswer(viewer), mayEscalate(viewer)]).toEqual([false, false, false]);
  });
});

describe('four eyes', () => {
  it('critical and high wait for a checker by default; medium and low take effect', () => {
    expect(proposalOutcome(DEFAULT_REVIEW_POLICY, 'critical', 'dismiss')).toEqual({ decisionStatus: 'pending', caseState: 'proposed', auditAction: 'case.proposed' });
    expect(proposalOutcome(DEFAULT_REVIEW_POLICY, 'high', 'confirm').caseState).toBe('proposed');
    expect(proposalOutcome(DEFAULT_REVIEW_POLICY, 'medium', 'confirm')).toEqual({ decisionStatus: 'effective', caseState: 'confirmed', auditAction: 'case.confirmed' });
    expect(proposalOutcome(DEFAULT_REVIEW_POLICY, 'low', 'dismiss')).toEqual({ decisionStatus: 'effective', caseState: 'dismissed', auditAction: 'case.dismissed' });
  });
  it('reads the configured list and expiry', () => {
    const policy = reviewPolicyOf({ fourEyesSeverities: ['low'], dismissalExpiryDays: 30 });
    expect(policy).toEqual({ fourEyesSeverities: ['low'], dismissalDays: 30 });
    expect(proposalOutcome(policy, 'critical', 'confirm').caseState).toBe('confirmed');
    expect(proposalOutcome(policy, 'low', 'confirm').caseState).toBe('proposed');
  });
  it('every field of the ops guide table has its suggested action, split by severity where the table is', () => {
    for (const field of ['uscc', 'notFound', 'status', 'name', 'legalRepresentative', 'licenseExpiry', 'registeredCapital', 'address', 'businessScope', 'seriousViolation', 'abnormalOperation']) {
      expect(isRemediationAction(suggestedAction(field, 'high') ?? '')).toBe(true);
    }
    expect(suggestedAction('status', 'critical')).toBe('启动销户流程，对外支付止付');
    expect(suggestedAction('status', 'high')).toBe('联系客户（或清算组）核实，加强账户交易监测');
    expect(suggestedAction('licenseExpiry', 'medium')).toBe('更正系统记录');
    expect(suggestedAction('somethingElse', 'low')).toBeUndefined();
  });
  it('the fixed lists', () => {
    expect(isReasonCode('客户已提交变更')).toBe(true);
    expect(isReasonCode('客户已提交')).toBe(false);
    expect(isRemediationAction('暂停非柜面业务并报告')).toBe(true);
    expect(new Set(REMEDIATION_ACTIONS).size).toBe(REMEDIATION_ACTIONS.length);
  });
});

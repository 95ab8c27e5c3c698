/**
 * What a clerk may choose when confirming a case: the "what to do" column of the ops guide's flag
 * table (docs/ops-guide.md, "What each flag means and what to do"), as a fixed list so that the
 * audit and the write-back read one of a known set, never free text. The clerk's comment carries
 * the particulars.
 *
 * @example isRemediationAction('更正系统记录') // true
 */
export const REMEDIATION_ACTIONS = [
  '核对营业执照原件，更正统一社会信用代码',
  '暂停非柜面业务，联系客户提供营业执照核实',
  '启动销户流程，对外支付止付',
  '对外支付止付，通知客户办理销户',
  '联系客户（或清算组）核实，加强账户交易监测',
  '通知客户办理变更，更新账户名称',
  '通知客户办理变更，更新预留信息',
  '通知客户提供新执照，逾期暂停非柜面业务',
  '联系客户核实，更新注册地址',
  '更正系统记录',
  '暂停非柜面业务并报告',
  '提示客户移出经营异常名录，加强尽职调查和交易监测',
] as const;
export type RemediationAction = (typeof REMEDIATION_ACTIONS)[number];

export function isRemediationAction(value: string): value is RemediationAction {
  return (REMEDIATION_ACTIONS as readonly string[]).includes(value);
}

/**
 * The action the ops guide's table gives for a flag, preselected on the case page (the clerk may
 * choose another): by field, and for `status` / `licenseExpiry` by severity as the table splits them.
 *
 * @example suggestedAction('status', 'critical') // '启动销户流程，对外支付止付'
 */
export function suggestedAction(field: string, severity: string): RemediationAction | undefined {
  switch (field) {
    case 'uscc':
      return '核对营业执照原件，更正统一社会信用代码';
    case 'notFound':
      return '暂停非柜面业务，联系客户提供营业执照核实';
    case 'status':
      return severity === 'critical' ? '启动销户流程，对外支付止付' : '联系客户（或清算组）核实，加强账户交易监测';
    case 'name':
      return '通知客户办理变更，更新账户名称';
    case 'legalRepresentative':
      return '通知客户办理变更，更新预留信息';
    case 'licenseExpiry':
      return severity === 'high' ? '通知客户提供新执照，逾期暂停非柜面业务' : '更正系统记录';
    case 'registeredCapital':
    case 'businessScope':
      return '更正系统记录';
    case 'address':
      return '联系客户核实，更新注册地址';
    case 'seriousViolation':
      return '暂停非柜面业务并报告';
    case 'abnormalOperation':
      return '提示客户移出经营异常名录，加强尽职调查和交易监测';
    default:
      return undefined;
  }
}

// What each finding calls for, for the ops manager's PDF and the Excel detail sheet.
//
// Example: actionFor('status.deregistered') → '启动销户流程，对外支付止付，联系客户核实'

import type { RuleId } from './flag';

const ACTIONS: Record<RuleId, string> = {
  'uscc.empty': '补录统一社会信用代码后重新核验',
  'uscc.length': '核对营业执照原件，更正统一社会信用代码（旧版注册号须换领新照后更新）',
  'uscc.alphabet': '核对营业执照原件，更正统一社会信用代码',
  'uscc.checkChar': '核对营业执照原件，更正统一社会信用代码',
  'uscc.orgCodeCheckDigit': '核对营业执照原件，更正统一社会信用代码',
  notFound: '登记机关查无此企业：暂停非柜面业务，联系客户提供营业执照核实',
  'status.revoked': '营业执照已吊销：对外支付止付，通知客户限期办理销户',
  'status.cancelled': '登记已撤销：对外支付止付，启动销户流程',
  'status.deregistered': '企业已注销：启动销户流程，对外支付止付',
  'status.movedOut': '企业已迁出：联系客户核实新登记机关，更新开户资料',
  'status.suspended': '企业停业/歇业：联系客户核实经营状况，加强账户交易监测',
  'status.liquidating': '企业清算中：联系清算组，控制对外支付，准备销户',
  'status.unrecognised': '登记状态无法识别：人工查询登记信息后确认',
  'name.differs': '户名与登记不一致：通知客户在 5 个工作日内办理变更，更新账户名称',
  'legalRepresentative.differs': '法定代表人已变更：通知客户办理变更手续，更新预留信息',
  'licenseExpiry.expired': '营业执照已过期：通知客户提供新执照，逾期暂停非柜面业务',
  'licenseExpiry.differs': '核对营业执照有效期，更新系统记录',
  'registeredCapital.amount': '核对注册资本，更新系统记录',
  'registeredCapital.currency': '核对注册资本币种，更新系统记录',
  'registeredCapital.unparseable': '注册资本无法识别：人工核对并按规范格式更新',
  'address.differs': '注册地址变更：联系客户核实并更新地址',
  'businessScope.differs': '经营范围变更：核实后更新系统记录',
  seriousViolation: '列入严重违法失信名单：暂停非柜面业务并报告',
  abnormalOperation: '列入经营异常名录：提示客户移出名录，加强尽职调查和交易监测',
};

export function actionFor(rule: RuleId): string {
  return ACTIONS[rule];
}

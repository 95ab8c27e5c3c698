// A consistent bank/registry pair for rule tests: every field matches, tests change one thing.
import type { RegistryCompanyRecord, ReviewAccountRecord } from '../../../../bots/records';

export function registryCompany(overrides: Partial<RegistryCompanyRecord> = {}): RegistryCompanyRecord {
  return {
    uscc: '91620105750906995R',
    name: '兰州远达商贸有限公司',
    registeredDate: '2003-05-20',
    companyType: '有限责任公司',
    legalRepresentative: '艾力·托合提',
    registeredCapital: '1,112(万元人民币)',
    businessScope: '日用百货、五金交电销售（依法须经批准的项目，经相关部门批准后方可开展经营活动）',
    province: '甘肃',
    region: '兰州',
    address: '兰州市城关区庆阳路1号',
    status: '存续',
    operatingUntil: '2040-05-19',
    authority: '兰州市市场监督管理局',
    changes: [],
    ...overrides,
  };
}

export function reviewAccount(overrides: Partial<ReviewAccountRecord> = {}): ReviewAccountRecord {
  return {
    accountNo: '0062202301000123',
    name: '兰州远达商贸有限公司',
    uscc: '91620105750906995R',
    legalRepresentative: '艾力·托合提',
    branch: '城关支行',
    accountType: '基本存款账户',
    registeredCapital: '11120000元',
    address: '甘肃省兰州市城关区庆阳路1号',
    businessScope: '日用百货、五金交电销售(依法须经批准的项目,经相关部门批准后方可开展经营活动)',
    licenseExpiry: '2040年5月19日',
    relationshipManager: '张敏',
    ...overrides,
  };
}

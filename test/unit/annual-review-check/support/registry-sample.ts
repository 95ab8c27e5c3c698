// Reads ../shared/data/registry-sample.csv (never copied into the repo) into registry records and
// the matching bank-side records, the way the registry portal and an ops user's file would give them.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { RegistryCompanyRecord, ReviewAccountRecord } from '../../../../bots/records';
import { sharedData } from '../../../helpers/shared-data';

/** The sample file; the tests that need it skip when it is missing (see test/helpers/shared-data.ts). */
export const registrySample = sharedData('registry-sample.csv');
export const registrySampleFile = registrySample.file;

export interface SampleRow {
  /** 1-based line of the CSV row (header is line 1). */
  line: number;
  company: RegistryCompanyRecord;
  account: ReviewAccountRecord;
}

/** The sample's rows; none when the file is missing and the tests that need it skip. */
export function loadRegistrySample(): SampleRow[] {
  if (registrySample.skip) return [];
  const rows = parse(readFileSync(registrySampleFile, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((row, index) => {
    const get = (column: string): string => row[column] ?? '';
    const company: RegistryCompanyRecord = {
      uscc: get('统一社会信用代码'),
      name: get('企业名称'),
      registeredDate: get('注册日期'),
      companyType: get('企业类型'),
      legalRepresentative: get('法人代表'),
      registeredCapital: get('注册资金'),
      businessScope: get('经营范围'),
      province: get('所在省份'),
      region: get('地区'),
      address: get('注册地址'),
      // The spec: empty status means 存续, empty term means 长期.
      status: get('登记状态') || '存续',
      operatingUntil: get('营业期限至') || '长期',
      authority: get('登记机关'),
      changes: [],
    };
    const account: ReviewAccountRecord = {
      accountNo: `6222${String(index + 1).padStart(8, '0')}`,
      name: company.name,
      uscc: company.uscc,
      legalRepresentative: company.legalRepresentative,
      branch: '城关支行',
      accountType: '基本存款账户',
      registeredCapital: company.registeredCapital,
      address: company.address,
      businessScope: company.businessScope,
      licenseExpiry: company.operatingUntil,
      relationshipManager: null,
    };
    return { line: index + 2, company, account };
  });
}

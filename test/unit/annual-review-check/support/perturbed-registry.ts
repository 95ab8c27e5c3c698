// A perturbed copy of ../shared/data/registry-sample.csv (issue #17 item 6): the sample has none of
// the three optional JSON columns; the copy adds them, with list entries and change records on
// chosen rows, each with the flags and dates the rules must find for it (counted by hand; the
// 2003 change, outside the calendar's data, on the answer key's own calendar). Written to the
// caller's temp dir; used at the rules level (real-data-signals.test.ts) and through the registry
// bot (test/integration/annual-review-check/real-data-signals.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { RegistryChange, RegistryListEntry, ReviewAccountRecord } from '../../../../bots/records';
import { reportDueOn, workingDaysAfter } from '../../../../fixtures/generator/business-days';
import { isBlank } from '../../../../jobs/annual-review-check/normalise';
import { parseCapital } from '../../../../jobs/annual-review-check/capital';
import { validateUscc } from '../../../../jobs/annual-review-check/uscc';
import type { SampleRow } from './registry-sample';

export const REVIEW_DATE = '2025-10-31';
const AUTHORITY = '某市市场监督管理局';
const NO_REPORT = '未依照《企业信息公示暂行条例》第八条规定的期限公示年度报告的';
const UNREACHABLE = '通过登记的住所或者经营场所无法联系的';
const FALSE_MATERIALS = '提交虚假材料或者采取其他欺诈手段隐瞒重要事实，取得公司登记的';

/** A flag the rules must raise for a perturbed row, as `field/severity` plus what it must carry. */
export interface ExpectedFlag {
  field: string;
  severity: string;
  registryValue?: string;
  changedOn?: string;
  reportDueOn?: string;
  overdueWorkingDays?: number;
}

export interface Perturbation {
  name: string;
  row: SampleRow;
  /** The bank's record of the company (the sample's values, with what the case changes). */
  account: ReviewAccountRecord;
  changes: RegistryChange[];
  abnormal: RegistryListEntry[];
  serious: RegistryListEntry[];
  /** The JSON cell of 经营异常名录 written as it is (a malformed one), instead of `abnormal`. */
  rawAbnormalCell?: string;
  expected: ExpectedFlag[];
}

const listed = (listedOn: string, reason: string, removedOn?: string): RegistryListEntry => ({
  listedOn,
  reason,
  authority: AUTHORITY,
  ...(removedOn === undefined ? {} : { removedOn, removalReason: '依法移出' }),
});

const change = (date: string, item: string, before: string, after: string): RegistryChange => ({ date, item, before, after });

/** Rows fit to carry any case: a valid code, a readable capital, an address and a scope, and no flag of their own. */
function usable(row: SampleRow): boolean {
  const c = row.company;
  return validateUscc(c.uscc).ok && parseCapital(c.registeredCapital).kind === 'amount' && !isBlank(c.address) && !isBlank(c.businessScope) && !isBlank(c.legalRepresentative);
}

/** The cases, one sample row each (rows spread over the file), and a bulk of current listings on every 97th usable row. */
export function perturbationsOf(sample: readonly SampleRow[]): Perturbation[] {
  const rows = sample.filter(usable);
  if (rows.length < 2000) throw new Error(`only ${rows.length} usable rows in the sample`);
  let next = 0;
  const take = () => rows[(next += 131) % rows.length]!;
  const out: Perturbation[] = [];
  const add = (name: string, build: (row: SampleRow) => Omit<Perturbation, 'name' | 'row' | 'account' | 'changes' | 'abnormal' | 'serious'> & Partial<Pick<Perturbation, 'account' | 'changes' | 'abnormal' | 'serious'>>) => {
    const row = take();
    out.push({ name, row, account: row.account, changes: [], abnormal: [], serious: [], ...build(row) });
  };

  add('on the serious-violation list', () => ({
    serious: [listed('2024-08-20', FALSE_MATERIALS)],
    expected: [{ field: 'seriousViolation', severity: 'critical', registryValue: `2024-08-20 ${FALSE_MATERIALS}` }],
  }));
  add('abnormal: removed, relisted, removed, relisted (the last listing is current)', () => ({
    abnormal: [listed('2023-07-10', NO_REPORT, '2023-09-01'), listed('2024-07-10', NO_REPORT, '2024-08-15'), listed('2025-07-10', NO_REPORT)],
    expected: [{ field: 'abnormalOperation', severity: 'high', registryValue: `2025-07-10 ${NO_REPORT}` }],
  }));
  add('abnormal: removed before the review date', () => ({ abnormal: [listed('2024-07-10', UNREACHABLE, '2025-03-01')], expected: [] }));
  add('abnormal: removed after the review date (still current on it)', () => ({
    abnormal: [listed('2025-07-10', UNREACHABLE, '2025-11-05')],
    expected: [{ field: 'abnormalOperation', severity: 'high', registryValue: `2025-07-10 ${UNREACHABLE}` }],
  }));
  add('serious: listed after the review date', () => ({ serious: [listed('2025-11-03', FALSE_MATERIALS)], expected: [] }));
  add('both lists and a deregistration: every flag, most severe first', () => ({
    serious: [listed('2021-08-02', '被列入经营异常名录届满3年仍未履行相关义务的')],
    abnormal: [listed('2018-07-02', NO_REPORT)],
    expected: [
      { field: 'seriousViolation', severity: 'critical', registryValue: '2021-08-02 被列入经营异常名录届满3年仍未履行相关义务的' },
      { field: 'abnormalOperation', severity: 'high', registryValue: `2018-07-02 ${NO_REPORT}` },
    ],
  }));
  // 28 Sep (Sun, make-up day), 29, 30 Sep, 9, 10 Oct: due 10 Oct; 11 Oct (Sat, make-up) and 13–31 Oct: 16 overdue.
  add('legal representative changed on the Friday before the National Day week', ({ company, account }) => ({
    account: { ...account, legalRepresentative: '张某某' },
    changes: [change('2025-09-26', '法定代表人变更', '张某某', company.legalRepresentative)],
    expected: [{ field: 'legalRepresentative', severity: 'high', changedOn: '2025-09-26', reportDueOn: '2025-10-10', overdueWorkingDays: 16 }],
  }));
  // A make-up Saturday: 13–17 Oct; then 20–24, 27–31 Oct.
  add('address changed on a make-up Saturday', ({ company, account }) => ({
    account: { ...account, address: '某省某市某区旧址路99号' },
    changes: [change('2025-10-11', '住所变更', '某省某市某区旧址路99号', company.address)],
    expected: [{ field: 'address', severity: 'medium', changedOn: '2025-10-11', reportDueOn: '2025-10-17', overdueWorkingDays: 10 }],
  }));
  add('name changed, but the history’s last name is not the current one: no date guessed', ({ company, account }) => ({
    account: { ...account, name: `${company.name}旧号` },
    changes: [change('2025-09-26', '名称变更', `${company.name}旧号`, `${company.name}新号`)],
    expected: [{ field: 'name', severity: 'high' }],
  }));
  add('capital changed in 2003, a year outside the calendar’s data (Monday–Friday)', ({ company, account }) => ({
    account: { ...account, registeredCapital: '1元' },
    changes: [change('2003-09-26', '注册资本变更', '1元', company.registeredCapital)],
    expected: [{ field: 'registeredCapital', severity: 'medium', changedOn: '2003-09-26', reportDueOn: '2003-10-03', overdueWorkingDays: workingDaysAfter(reportDueOn('2003-09-26'), REVIEW_DATE) }],
  }));
  add('scope changed the day before the review: still within the 5 working days', ({ company, account }) => ({
    account: { ...account, businessScope: '旧的经营范围' },
    changes: [change('2025-10-30', '经营范围变更', '旧的经营范围', company.businessScope)],
    expected: [{ field: 'businessScope', severity: 'low', changedOn: '2025-10-30', reportDueOn: '2025-11-06', overdueWorkingDays: 0 }],
  }));
  add('a malformed 经营异常名录 cell: reported, its data dropped, the row’s change records still served', ({ company, account }) => ({
    account: { ...account, legalRepresentative: '李某某' },
    changes: [change('2025-09-26', '负责人变更', '李某某', company.legalRepresentative)],
    rawAbnormalCell: '[{"listedOn": "2025-07-10", "reason": "未按期公示"',
    expected: [{ field: 'legalRepresentative', severity: 'high', changedOn: '2025-09-26', reportDueOn: '2025-10-10', overdueWorkingDays: 16 }],
  }));
  // The deregistered case needs the registry's status: set on the bank side it would be no test.
  const both = out.find((p) => p.name.startsWith('both lists'))!;
  both.expected.unshift({ field: 'status', severity: 'critical' });

  const chosen = new Set(out.map((p) => p.row));
  rows.forEach((row, i) => {
    if (i % 97 !== 5 || chosen.has(row)) return;
    const on = `2025-0${1 + (i % 9)}-1${i % 10}`;
    out.push({ name: `bulk listing ${i}`, row, account: row.account, changes: [], serious: [], abnormal: [listed(on, NO_REPORT)], expected: [{ field: 'abnormalOperation', severity: 'high', registryValue: `${on} ${NO_REPORT}` }] });
  });
  return out;
}

/** The optional column the copy uses to deregister one case's company. */
const STATUS_COLUMN = '登记状态';

/**
 * Writes the perturbed copy into `dir`: the sample's columns, 登记状态 (注销 on the deregistered
 * case's row, empty elsewhere: 存续), and the three JSON columns. Returns the file.
 */
export function writePerturbedCopy(sampleFile: string, dir: string, perturbations: readonly Perturbation[]): string {
  const [header, ...records] = parse(readFileSync(sampleFile, 'utf8'), { skip_empty_lines: true, relax_column_count: true }) as string[][];
  const byLine = new Map(perturbations.map((p) => [p.row.line, p]));
  const json = (entries: readonly object[]) => (entries.length === 0 ? '' : JSON.stringify(entries));
  const out = [[...header!, STATUS_COLUMN, '变更记录', '经营异常名录', '严重违法失信名单']];
  records.forEach((record, i) => {
    const p = byLine.get(i + 2);
    const status = p?.name.startsWith('both lists') ? '注销' : '';
    out.push([...record, status, json(p?.changes ?? []), p?.rawAbnormalCell ?? json(p?.abnormal ?? []), json(p?.serious ?? [])]);
  });
  const file = path.join(dir, 'registry-sample-perturbed.csv');
  writeFileSync(file, stringify(out));
  return file;
}

// Every header of every exception sheet of the WRITTEN daily workbook (read back with exceljs) names
// the kind of value below it. The kinds are written here from the spec and the portals' data, not
// from the product's strings: a header over the wrong column (超时规则 over a large-value threshold,
// 交易类型 over a device type) fails on the values under it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { text } from '../../../templates/daily-ops-report/report-config';
import { sheetName } from '../../../templates/render/xlsx/styles';
import { writeHelperWorkbook, writeWorldWorkbook, type WrittenWorkbook } from './support/daily-workbooks';

type Check = (v: ExcelJS.CellValue) => boolean;
const str = (re: RegExp): Check => (v) => typeof v === 'string' && re.test(v);
const oneOf = (...values: string[]): Check => (v) => typeof v === 'string' && values.includes(v);
const date: Check = (v) => v instanceof Date;
const int = (min: number, max = Infinity): Check => (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const num = (min: number, max = Infinity): Check => (v) => typeof v === 'number' && v >= min && v <= max;

const ID = str(/^[A-Z][\w-]*$/);
const ACCOUNT = str(/^\d{10,}$/);
const TRANSACTION_IDS = str(/^([A-Z][\w-]*(, [A-Z][\w-]*)*)?$/);
const PHONE = str(/\*{3,}/);
const DEVICE_TYPES = ['叫号机', 'ATM', '点钞机', '智能柜台'];
const LARGE_VALUE_RULE = /^(现金|对公转账|个人境内转账|个人跨境转账) ≥ \d+ 万$/;
const COMPLIANCE_REASON = '(≥ 5 万未双人复核|营业时间外柜面交易)';

/** Header → what every value under it must be. A header not listed here fails the test. */
const KIND_OF: Record<string, Check> = {
  投诉编号: ID,
  网点: str(/支行\d*$/), // a branch's name, as the annual review shows branches (never B001)
  级别: int(1, 3),
  超时规则: str(/^[一二三]级: /),
  受理时间: date,
  '响应/结案时间': date,
  '用时 (秒)': int(0),
  客户: str(/\S/),
  电话: PHONE,
  摘要: str(/\S/),
  柜员号: str(/^(T\d+|B\d{3}T\d{2})$/),
  '冲正/撤销': int(0),
  超限授权: int(0),
  '冲正/撤销交易号': TRANSACTION_IDS,
  超限授权交易号: TRANSACTION_IDS,
  账号: ACCOUNT,
  户名: str(/公司/),
  '前 30 日对账确认': int(0),
  '近 30 日对账确认': int(0),
  确认降幅: num(0, 1),
  当日交易笔数: int(1),
  '近 30 日日均': num(0),
  交易流水号: ID,
  交易时间: date,
  渠道: oneOf('柜面', '自助', '网银', '手机银行'),
  交易类型: str(/存款|取款|转账|汇款|汇入|缴费|缴税|付款|代发|开户|挂失|还款|购买/),
  金额: num(0),
  币种: str(/^[A-Z]{3}$/),
  折人民币: num(0),
  交易状态: oneOf('正常', '冲正', '撤销'),
  客户类型: oneOf('个人', '对公'),
  大额报告标准: str(LARGE_VALUE_RULE),
  异常原因: str(new RegExp(`^${COMPLIANCE_REASON}(、${COMPLIANCE_REASON})*$`)),
  预警编号: ID,
  预警生成时间: date,
  // An AML system's rule name ('R05 休眠账户突然启用', '快进快出'): words, not an SLA or a threshold.
  预警规则: str(/^(R\d{2} )?[\u4e00-\u9fa5]{4,}$/),
  处理状态: oneOf('待处理', '已处理', '已上报'),
  处理时间: date,
  '日终已挂起 (小时)': num(24),
  客户号: ID,
  姓名: str(/^\S+$/),
  证件号码: str(/^\w{6}\*+\w{1,4}$/),
  证件有效期: str(/^(\d{4}-\d{2}-\d{2}|长期)$/),
  手机号码: PHONE,
  问题: str(/^(证件号校验位错误|证件已过期|无联系电话)(、(证件号校验位错误|证件已过期|无联系电话))*$/),
  设备编号: str(/^(DV\d{3}|B\d{3}-[A-Z]+\d{2})$/),
  设备类型: oneOf(...DEVICE_TYPES),
  巡检时间: date,
  故障描述: str(/故障|卡|无显示|无响应|中断|报错|滞/),
  读卡器: oneOf('正常', '故障'),
  打印纸余量: num(0, 100),
};
/** Columns that may be empty in every row: an overdue alert is by definition not handled yet. */
const MAY_BE_EMPTY = new Set(['处理时间']);
/** Source-system ids: stored as text ('@'), so Excel never turns a long number into 6.22E+15. */
const ID_HEADERS = new Set(['投诉编号', '柜员号', '账号', '交易流水号', '预警编号', '客户号', '设备编号']);

let dir: string;
const written: { workbook: ExcelJS.Workbook; source: WrittenWorkbook }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'daily-headers-'));
  for (const source of [await writeHelperWorkbook(dir), await writeWorldWorkbook(dir)]) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(source.file);
    written.push({ workbook, source });
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every exception sheet of every written workbook, with its header texts. */
function exceptionSheets(): { name: string; sheet: ExcelJS.Worksheet; headers: string[] }[] {
  return written.flatMap(({ workbook, source }) =>
    source.view.config.layout.exceptionLists.map((id) => {
      const name = sheetName(text(source.view.config, 'lists', id));
      const sheet = workbook.getWorksheet(name);
      if (sheet === undefined) throw new Error(`${path.basename(source.file)}: no sheet "${name}"`);
      const headers = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
      return { name: `${path.basename(source.file)}!${name}`, sheet, headers };
    }),
  );
}

/** The values of a column under its header (row 2 on), empty cells left out. */
function valuesOf(sheet: ExcelJS.Worksheet, col: number): { row: number; value: ExcelJS.CellValue }[] {
  const out: { row: number; value: ExcelJS.CellValue }[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const value = sheet.getRow(r).getCell(col).value;
    if (value !== null && value !== undefined && value !== '') out.push({ row: r, value });
  }
  return out;
}

const displayWidth = (s: string): number => [...s].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);

describe('daily workbook exception sheets, read back', () => {
  it('have rows in every list, so each header below is checked against real values', () => {
    for (const id of written[0]!.source.view.config.layout.exceptionLists) {
      expect(written.some(({ source }) => source.figures.exceptions[id].length > 0), id).toBe(true);
    }
  });

  it('head every column with a name for the kind of value below it', () => {
    // Every wrong column is listed at once, with its first wrong value.
    const problems = new Map<string, string>();
    const seen = new Map<string, number>();
    for (const { name, sheet, headers } of exceptionSheets()) {
      const list = name.split('!')[1];
      headers.forEach((header, i) => {
        const check = KIND_OF[header];
        if (check === undefined) problems.set(`${list}/${header}`, `${list}: header "${header}" (column ${i + 1}) names no known kind of value`);
        for (const { row, value } of valuesOf(sheet, i + 1)) {
          seen.set(`${list}/${header}`, (seen.get(`${list}/${header}`) ?? 0) + 1);
          if (check !== undefined && !check(value) && !problems.has(`${list}/${header}`)) {
            problems.set(`${list}/${header}`, `${list}: ${JSON.stringify(value)} under "${header}" (row ${row}, column ${i + 1})`);
          }
        }
      });
    }
    for (const { name, headers } of exceptionSheets()) {
      const list = name.split('!')[1];
      for (const header of headers) {
        if (!MAY_BE_EMPTY.has(header) && (seen.get(`${list}/${header}`) ?? 0) === 0) problems.set(`${list}/${header}`, `${list}: no value under "${header}" in either workbook`);
      }
    }
    expect([...problems.values()]).toEqual([]);
  });

  it('align each header with its values: over numbers and dates right, over text left', () => {
    for (const { name, sheet, headers } of exceptionSheets()) {
      headers.forEach((header, i) => {
        const values = valuesOf(sheet, i + 1).map((v) => v.value);
        if (values.length === 0) return;
        const numeric = values.every((v) => typeof v === 'number' || v instanceof Date);
        expect(sheet.getRow(1).getCell(i + 1).alignment?.horizontal, `${name}: header "${header}"`).toBe(numeric ? 'right' : 'left');
      });
    }
  });

  it('keep ids as text, on one line, in a column wide enough for them; lists of ids wrap between ids', () => {
    // Each kind of cell checked below is counted: the rules must have been applied, not skipped.
    const seen = { ids: 0, lists: 0, codes: 0 };
    for (const { name, sheet, headers } of exceptionSheets()) {
      headers.forEach((header, i) => {
        const values = valuesOf(sheet, i + 1);
        const width = sheet.getColumn(i + 1).width ?? 0;
        if (ID_HEADERS.has(header)) {
          for (const { row } of values) expect(sheet.getRow(row).getCell(i + 1).numFmt, `${name} row ${row} "${header}"`).toBe('@');
          seen.ids += values.length;
        }
        for (const { row, value } of values) {
          if (typeof value !== 'string') continue;
          if (value.includes(', ')) {
            // A list: wraps at ", " and each id fits the column, so no id is ever cut in two.
            seen.lists++;
            expect(sheet.getRow(row).getCell(i + 1).alignment?.wrapText, `${name} row ${row} "${header}"`).toBe(true);
            for (const id of value.split(', ')) expect(displayWidth(id) + 1, `${name} row ${row} "${header}": ${id}`).toBeLessThanOrEqual(width);
          } else if (/^[\x21-\x7e]+$/.test(value)) {
            seen.codes++;
            expect(displayWidth(value) + 1, `${name} row ${row} "${header}": ${value}`).toBeLessThanOrEqual(width);
          }
        }
      });
    }
    expect(seen.ids).toBeGreaterThan(0);
    expect(seen.lists).toBeGreaterThan(0);
    expect(seen.codes).toBeGreaterThan(0);
  });

  it('say what is broken on each faulty device', () => {
    const world = exceptionSheets().find((s) => s.name.startsWith('world') && s.name.endsWith('!故障设备'));
    expect(world).toBeDefined();
    const col = world!.headers.indexOf('故障描述') + 1;
    expect(col).toBeGreaterThan(0);
    const rows = valuesOf(world!.sheet, 1).length;
    expect(rows).toBeGreaterThan(0);
    expect(valuesOf(world!.sheet, col)).toHaveLength(rows);
  });
});

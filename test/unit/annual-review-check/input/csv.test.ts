import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import type { AccountsEntry } from '../../../../jobs/annual-review-check/input';
import { AccountsFileError, MissingColumnError, openAccountsFile } from '../../../../jobs/annual-review-check/input';

const dir = mkdtempSync(path.join(tmpdir(), 'arc-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CSV = [
  '客户经理,统一社会信用代码,账号,备注,存款人名称,法定代表人（单位负责人）,营业执照有效期至,注册资本',
  '张敏,91620105 750906995r,0062202301000123,无关列,兰州远达商贸有限公司,艾力·托合提,2030年1月5日,"1,112(万元人民币)"',
  '李雷,91110000600037341L,0062202301000124,,北京某某有限公司,王五,长期,',
  '',
].join('\r\n');

async function readAll(file: string): Promise<AccountsEntry[]> {
  const opened = await openAccountsFile(file);
  const entries: AccountsEntry[] = [];
  for await (const entry of opened.entries()) entries.push(entry);
  return entries;
}

function write(name: string, content: Buffer | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe('CSV accounts file', () => {
  const encodings: Array<[string, Buffer]> = [
    ['utf-8', Buffer.from(CSV, 'utf8')],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')])],
    ['GBK', iconv.encode(CSV, 'gbk')],
    ['GB18030', iconv.encode(CSV, 'gb18030')],
  ];

  it.each(encodings)('%s gives the same accounts', async (label, bytes) => {
    const entries = await readAll(write(`${label}.csv`, bytes));
    expect(entries).toEqual([
      {
        kind: 'account',
        row: 2,
        account: {
          accountNo: '0062202301000123',
          name: '兰州远达商贸有限公司',
          uscc: '91620105 750906995r',
          legalRepresentative: '艾力·托合提',
          branch: null,
          accountType: null,
          registeredCapital: '1,112(万元人民币)',
          address: null,
          businessScope: null,
          licenseExpiry: '2030年1月5日',
          relationshipManager: '张敏',
        },
      },
      expect.objectContaining({ kind: 'account', row: 3, account: expect.objectContaining({ accountNo: '0062202301000124', licenseExpiry: '长期', registeredCapital: null }) }),
    ]);
  });

  it('a missing required column is rejected at open, naming file and column, exit code 2', async () => {
    const file = write('missing.csv', '账号,存款人名称,法定代表人\n1,甲,乙\n');
    const error = await openAccountsFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingColumnError);
    expect((error as MissingColumnError).columns).toEqual(['统一社会信用代码']);
    expect((error as MissingColumnError).exitCode).toBe(2);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain('统一社会信用代码');
  });

  it('an unsupported extension or a missing file is a file error', async () => {
    await expect(openAccountsFile(write('a.txt', 'x'))).rejects.toBeInstanceOf(AccountsFileError);
    await expect(openAccountsFile(path.join(dir, 'nope.csv'))).rejects.toThrow(/不存在/u);
  });

  it('unusable rows become row errors and the good rows still come', async () => {
    const file = write(
      'rows.csv',
      [
        '账号,存款人名称,统一社会信用代码,法定代表人',
        '001,甲公司,91110000600037341L,张三',
        ',乙公司,91110000600037341L,李四',
        '002,丙公司,,王五',
        '001,丁公司,91620105750906995R,赵六',
        '6.22202E+18,戊公司,91620105750906995R,钱七',
        ',,,',
        '003,己公司,91620105750906995R,孙八',
      ].join('\n'),
    );
    const entries = await readAll(file);
    expect(entries.filter((e) => e.kind === 'account').map((e) => (e.kind === 'account' ? [e.row, e.account.accountNo] : null))).toEqual([
      [2, '001'],
      [8, '003'],
    ]);
    const errors = entries.flatMap((e) => (e.kind === 'error' ? [e.error] : []));
    expect(errors.map((e) => [e.row, e.accountNo])).toEqual([
      [3, undefined],
      [4, '002'],
      [5, '001'],
      [6, undefined],
    ]);
    expect(errors[0]?.error).toContain('账号');
    expect(errors[1]?.error).toContain('统一社会信用代码');
    expect(errors[2]?.error).toMatch(/与第 2 行重复/u);
    expect(errors[3]?.error).toContain('科学计数法');
  });

  it('reads the header under a title row', async () => {
    const file = write('title.csv', '2025年对公账户年检清单,,,\n账号,存款人名称,统一社会信用代码,法定代表人\n001,甲,91110000600037341L,张三\n');
    const opened = await openAccountsFile(file);
    expect(opened.headerRow).toBe(2);
    const entries = [];
    for await (const entry of opened.entries()) entries.push(entry);
    expect(entries).toMatchObject([{ kind: 'account', row: 3 }]);
  });
});

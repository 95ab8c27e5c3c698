import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import type { AccountsEntry } from '../../../../jobs/annual-review-check/input';
import { AccountsFileError, MissingColumnError, openAccountsFile } from '../../../../jobs/annual-review-check/input';
import { InputLimitError, type InputLimits } from '../../../../jobs/annual-review-check/input/limits';

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

describe('CSV quotes, line breaks and encodings: no account vanishes without a word', () => {
  const HEADER = '账号,存款人名称,统一社会信用代码,法定代表人';
  const line = (no: string, name: string) => `${no},${name},91110000600037341L,张三`;

  /** Entries as `A<row>:<account>` / `E<row>:<error>`: rows are physical lines. */
  const summary = (entries: AccountsEntry[]) => entries.map((e) => (e.kind === 'account' ? `A${e.row}:${e.account.accountNo}` : `E${e.error.row}:${e.error.error}`));

  it('a stray quote that swallows lines is one row error naming them; the lines after it are read', async () => {
    // Line 3's name opens a quote that only line 9's `某"公司` closes: relax_quotes merged 52 such rows into one name.
    const rows = [HEADER, line('001', '甲公司'), line('002', '"北京某某'), ...['003', '004', '005', '006', '007'].map((no) => line(no, `公司${no}`)), line('008', '某"公司'), line('009', '乙公司'), line('010', '丙公司')];
    expect(summary(await readAll(write('stray-quote.csv', `${rows.join('\n')}\n`)))).toEqual([
      'A2:001',
      'E3:第 3–9 行（共 7 行）被读成了一条记录：第 2 列有未配对的引号或单元格内换行，这些行都未读取，请修正后重新提交',
      'A10:009',
      'A11:010',
    ]);
  });

  it('a line break inside a cell is a row error naming its lines; a quote inside a word stays text', async () => {
    const content = [HEADER, line('001', '北京"某某"公司'), '002,"甲\r\n乙",91110000600037341L,张三', line('003', '丙公司'), ''].join('\r\n');
    const entries = await readAll(write('cell-line-break.csv', content));
    expect(summary(entries)).toEqual(['A2:001', 'E3:第 3–4 行（共 2 行）被读成了一条记录：第 2 列有未配对的引号或单元格内换行，这些行都未读取，请修正后重新提交', 'A5:003']);
    expect(entries[0]).toMatchObject({ account: { name: '北京"某某"公司' } });
  });

  it('a quote never closed refuses the file (exit 2), naming file and the line of the quote', async () => {
    const file = write('unclosed.csv', [HEADER, line('001', '甲公司'), line('002', '"乙公司'), line('003', '丙公司'), ''].join('\n'));
    const error = await readAll(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountsFileError);
    expect((error as AccountsFileError).exitCode).toBe(2);
    expect((error as Error).message).toBe(`${file}: 第 3 行的引号到文件末尾（第 4 行）都没有闭合，其后各行无法分清，请修正引号后重新提交`);
  });

  it('GBK rows after 64 KB of UTF-8 are row errors naming each row, not names turned into ����', async () => {
    const utf8Rows = Array.from({ length: 2000 }, (_, i) => line(`1${String(i).padStart(5, '0')}`, `兰州远达商贸有限公司${i}`));
    const content = Buffer.concat([
      Buffer.from(`${[HEADER, ...utf8Rows].join('\n')}\n`),
      iconv.encode(`${line('200001', '北京某某有限公司')}\n`, 'gbk'),
      Buffer.from(`${line('200002', '天津某某有限公司')}\n`),
    ]);
    expect(content.indexOf(iconv.encode('北京某某', 'gbk'))).toBeGreaterThan(64 * 1024);
    const entries = await readAll(write('utf8-then-gbk.csv', content));
    expect(entries.filter((e) => e.kind === 'account')).toHaveLength(2001);
    expect(summary(entries).filter((s) => s.startsWith('E'))).toEqual(['E2002:第 2002 行第 2 列有无法按 UTF-8 解码的字节（文件可能混用了多种编码），此行未读取']);
    expect(entries.at(-1)).toMatchObject({ row: 2003, account: { name: '天津某某有限公司' } });
    expect(JSON.stringify(entries)).not.toContain('\uFFFD');
  });

  it('UTF-8 rows in a GBK file are row errors too (GBK would turn them into other characters silently)', async () => {
    const content = Buffer.concat([
      iconv.encode(`${[HEADER, line('001', '兰州远达商贸有限公司'), line('002', '北京某某有限公司')].join('\r\n')}\r\n`, 'gbk'),
      Buffer.from(`${line('003', '天津某某有限公司')}\r\n`),
      iconv.encode(`${line('004', '上海某某有限公司')}\r\n`, 'gbk'),
    ]);
    expect(summary(await readAll(write('gbk-then-utf8.csv', content)))).toEqual([
      'A2:001',
      'A3:002',
      'E4:第 4 行第 2 列是 UTF-8 编码，而文件的其余部分是 GBK（文件混用了多种编码），此行未读取',
      'A5:004',
    ]);
  });
});

describe('CSV limits: over a bound the file is refused (exit 2) naming file, row and limit', () => {
  const limits: InputLimits = { maxFileBytes: 1 << 20, maxUnzippedBytes: 1 << 20, maxXlsxTableBytes: 1 << 16, maxCellChars: 100, maxCellsPerRow: 10 };
  const HEADER = '账号,存款人名称,统一社会信用代码,法定代表人';

  async function refusal(name: string, content: string | Buffer): Promise<InputLimitError | AccountsFileError> {
    const file = write(name, content);
    const error = await (async () => {
      for await (const _ of (await openAccountsFile(file, limits)).entries());
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountsFileError);
    expect((error as AccountsFileError).exitCode).toBe(2);
    expect((error as Error).message.startsWith(`${file}: `)).toBe(true);
    return error as InputLimitError;
  }

  it('a cell longer than inputMaxCellChars', async () => {
    const error = await refusal('long-cell.csv', `${HEADER}\n001,${'甲'.repeat(101)},91110000600037341L,张三\n`);
    expect(error.message).toMatch(/: 第 2 行第 2 列有 101 个字符（上限 inputMaxCellChars = 100 字符，可用 OPSBOT_INPUT_MAX_CELL_CHARS 调整）$/u);
  });

  it('a cell so long that the record outgrows cells × characters before it ends (a 50 MB field)', async () => {
    const error = await refusal('huge-field.csv', `${HEADER}\n001,"${'x'.repeat(2000)}",91110000600037341L,张三\n`);
    expect(error).toBeInstanceOf(InputLimitError);
    expect(error.message).toContain('第 2 行的记录超过 1,000 字节仍未结束：单元格过长，或引号未配对（上限 inputMaxCellChars = 100 字符');
  });

  it('lines a stray quote swallowed stay a row error even when together they are longer than a cell', async () => {
    const swallowed = Array.from({ length: 10 }, (_, i) => `00${i},公司${i},91110000600037341L,张三`);
    const content = [HEADER, '001,"甲公司,91110000600037341L,张三', ...swallowed, '099,乙"公司,91110000600037341L,张三', '100,丙公司,91110000600037341L,张三', ''].join('\n');
    const entries: AccountsEntry[] = [];
    for await (const entry of (await openAccountsFile(write('stray-long.csv', content), limits)).entries()) entries.push(entry);
    expect(entries.map((e) => (e.kind === 'account' ? `A${e.row}` : `E${e.error.row}`))).toEqual(['E2', 'A14']);
  });

  it('a value right of inputMaxCellsPerRow (empty cells there are fine)', async () => {
    expect(await readAll(write('trailing-commas.csv', `${HEADER}${','.repeat(50)}\n001,甲,91110000600037341L,张三${','.repeat(50)}\n`)).catch(() => 'refused')).toHaveLength(1);
    const error = await refusal('far-value.csv', `${HEADER}\n001,甲,91110000600037341L,张三${','.repeat(20)}x\n`);
    expect(error.message).toMatch(/: 第 2 行第 24 列有内容（上限 inputMaxCellsPerRow = 10 列/u);
  });

  it('a file larger than inputMaxFileBytes, before reading it', async () => {
    const error = await refusal('big.csv', Buffer.alloc((1 << 20) + 1, 0x41));
    expect(error.message).toMatch(/: 文件有 1,048,577 字节（上限 inputMaxFileBytes = 1,048,576 字节/u);
  });

  it('a folder named .csv is refused before anything reads it', async () => {
    const folder = path.join(dir, 'folder.csv');
    mkdirSync(folder);
    await expect(openAccountsFile(folder, limits)).rejects.toThrow(`${folder}: 不是普通文件（是文件夹），拒绝读取`);
  });
});

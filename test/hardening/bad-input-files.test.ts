import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { AccountsFileError, openAccountsFile, type AccountsEntry } from '../../jobs/annual-review-check/input';
import { REPO, startCli } from '../helpers/cli-process';
import { HEADER, inlineRow, repeated, writeWorkbook } from '../helpers/hostile-xlsx';

// The bad-input cases the unit tests of jobs/annual-review-check/input do not already try
// (those cover missing columns, BOM, GBK, GB18030, merged cells, formulas, serials, duplicates).
const dir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};

async function entriesOf(file: string): Promise<AccountsEntry[]> {
  const out: AccountsEntry[] = [];
  for await (const e of (await openAccountsFile(file)).entries()) out.push(e);
  return out;
}

describe('an accounts file that is empty or has only its header', () => {
  it.each([
    ['empty.csv', ''],
    ['bom-only.csv', '\uFEFF'],
    ['blank-lines.csv', '\n\r\n,,,\n'],
  ])('%s is refused before any lookup, naming the file (exit 2)', async (name, content) => {
    const file = write(name, content);
    const err = await openAccountsFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccountsFileError);
    expect((err as AccountsFileError).exitCode).toBe(2);
    expect((err as Error).message).toBe(`${file}: 文件为空，没有表头行`);
  });

  it('an .xlsx whose sheet is empty is refused the same way', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('年检清单');
    const file = path.join(dir, 'empty.xlsx');
    await wb.xlsx.writeFile(file);
    await expect(openAccountsFile(file)).rejects.toThrow(`${file}: 文件为空，没有表头行`);
  });

  it('a header only is a valid file with no accounts and no row errors (nothing invented)', async () => {
    const file = write('header-only.csv', '账号,存款人名称,统一社会信用代码,法定代表人\r\n');
    const opened = await openAccountsFile(file);
    expect(opened.headerRow).toBe(1);
    expect(await entriesOf(file)).toEqual([]);
  });

  it('a file that is not a spreadsheet at all (.xlsx holding text) is refused naming the file', async () => {
    const file = write('not-really.xlsx', '账号,存款人名称\n1,甲\n');
    const err = await openAccountsFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccountsFileError);
    expect((err as Error).message.startsWith(`${file}: `)).toBe(true);
  });
});

describe('1,000,000 rows', () => {
  it('are staged with memory bounded (256 MB heap cap), every good row kept and each bad row reported', () => {
    const child = path.join(REPO, 'test/hardening/support/million-rows.ts');
    const out = execFileSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', child, dir, '1000000'], { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as { accounts: number; inputErrors: number; peakRssMb: number; heapUsedMb: number; seconds: number };
    console.log(`1,000,000 rows: ${JSON.stringify(r)}`);
    expect(r.accounts).toBe(999_990);
    expect(r.inputErrors).toBe(10);
    // The file is ~120 MB of text; holding its rows would take several times that in objects.
    expect(r.peakRssMb).toBeLessThan(400);
    const errors = JSON.parse(readFileSync(path.join(dir, 'input-errors.json'), 'utf8')) as { row: number; error: string }[];
    expect(errors[0]).toMatchObject({ row: 100_001, error: expect.stringContaining('统一社会信用代码') });
  }, 300_000);
});

// Issue 14 items 4 and 9, through the real CLI as an ops user runs it: each file is refused with
// exit 2 and a message naming the file and the line or the limit (default limits, no overrides),
// before anything is queued. `--no-worker`: the refusal comes from staging the input.
describe('opsbot run annual-review-check --input <hostile or broken file>', () => {
  const cliDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-bad-input-cli-'));
  afterAll(() => rmSync(cliDir, { recursive: true, force: true }));
  const HEADER_LINE = HEADER.join(',');

  async function runWithInput(file: string): Promise<{ code: number | null; output: string; varDir: string; seconds: number; peakRssMb: number }> {
    const varDir = mkdtempSync(path.join(cliDir, 'var-'));
    const started = Date.now();
    const cli = startCli(['run', 'annual-review-check', '--input', file, '--date', '2025-10-31', '--no-worker'], { OPSBOT_VAR_DIR: varDir, REDIS_URL: '' });
    // The kernel's high-water mark of the CLI process's resident memory, read until it exits.
    let peakKb = 0;
    const sampler = setInterval(() => {
      const hwm = /VmHWM:\s+(\d+)/u.exec(readFileSyncOrEmpty(`/proc/${cli.child.pid}/status`));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    }, 100);
    const code = await cli.exited;
    clearInterval(sampler);
    return { code, output: cli.output(), varDir, seconds: (Date.now() - started) / 1000, peakRssMb: Math.round(peakKb / 1024) };
  }

  const readFileSyncOrEmpty = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };

  const cases: Array<[string, () => string, RegExp]> = [
    [
      'a CSV whose quote is never closed: exit 2 naming file and line (was a raw CsvError, exit 1)',
      () => write('unclosed-quote.csv', `${HEADER_LINE}\n001,甲公司,91110000600037341L,张三\n002,"乙公司,91110000600037341L,李四\n003,丙公司,91110000600037341L,王五\n`),
      /: 第 3 行的引号到文件末尾（第 4 行）都没有闭合/u,
    ],
    [
      'a CSV with one 50 MB field: exit 2 naming the cell limit (was accepted)',
      () => write('50mb-field.csv', Buffer.concat([Buffer.from(`${HEADER_LINE}\n001,"`), Buffer.alloc(50 * 1024 * 1024, 0x78), Buffer.from('",91110000600037341L,张三\n')])),
      /: 第 2 行的记录超过 32,767,000 字节仍未结束：单元格过长，或引号未配对（上限 inputMaxCellChars = 32,767 字符，可用 OPSBOT_INPUT_MAX_CELL_CHARS 调整）/u,
    ],
    [
      'an 876 KB xlsx whose shared strings unpack to 360 MB: exit 2 naming the limit (took 2 GB)',
      () => {
        const file = path.join(dir, 'shared-strings-bomb.xlsx');
        writeWorkbook(file, ['<sheetData>', inlineRow(1, HEADER), '<row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData>'], repeated('<si><t>ab</t></si>', 20_000_000));
        return file;
      },
      /: xlsx 中须留在内存的部分（共享字符串、样式、合并单元格）超过上限（读到 xl\/sharedStrings\.xml 时）（上限 inputMaxXlsxTableBytes = 67,108,864 字节/u,
    ],
    [
      'a 1 MB xlsx holding 1 GB of whitespace after a cell: exit 2 naming the limit (died with RangeError: Invalid string length, no file named)',
      () => {
        const file = path.join(dir, 'whitespace-bomb.xlsx');
        writeWorkbook(file, ['<sheetData>', inlineRow(1, HEADER), '<row r="2"><c r="A2"><v>1</v></c></row>', ...repeated(' ', 1_000_000_000), '</sheetData>']);
        return file;
      },
      /: xl\/worksheets\/sheet1\.xml 中有一段连续文字超过 327,670 字节，比任何单元格都长（上限 inputMaxCellChars = 32,767 字符/u,
    ],
    [
      'a FIFO named .csv: refused up front (reading it would block for ever)',
      () => {
        const file = path.join(dir, 'pipe.csv');
        execFileSync('mkfifo', [file]);
        return file;
      },
      /: 不是普通文件（是设备、管道或套接字），拒绝读取/u,
    ],
    [
      '/dev/zero behind a .csv name: refused up front (it never ends)',
      () => {
        const file = path.join(dir, 'zero.csv');
        symlinkSync('/dev/zero', file);
        return file;
      },
      /: 不是普通文件（是设备、管道或套接字），拒绝读取/u,
    ],
  ];

  it.each(cases)('%s', async (_label, makeFile, expected) => {
    const file = makeFile();
    const { code, output, varDir, seconds, peakRssMb } = await runWithInput(file);
    console.log(`${path.basename(file)}: exit ${code} in ${seconds} s, peak RSS ${peakRssMb} MB`);
    expect(output).toContain(`opsbot: ${file}: `);
    expect(output).toMatch(expected);
    expect(code).toBe(2);
    // The bombs are stopped long before they are held (the shared strings took 2 GB). The peak is
    // mostly garbage V8 has not collected yet, so it depends on load: 483 MB on an idle machine,
    // 952 MB in CI with the suite running beside it. Holding the bomb would take 2 GB or more.
    expect(peakRssMb).toBeLessThan(1_300);
    // Nothing staged: the trigger removes the run folder it made for the refused input.
    const dateDir = path.join(varDir, 'runs', 'annual-review-check', '2025-10-31');
    expect(existsSync(dateDir) ? readdirSync(dateDir) : []).toEqual([]);
  }, 180_000);
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { AccountsFileError, openAccountsFile, type AccountsEntry } from '../../jobs/annual-review-check/input';
import { REPO } from '../helpers/cli-process';

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

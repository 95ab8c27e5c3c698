import { describe, expect, it } from 'vitest';
import { CsvShape } from '../../../../jobs/annual-review-check/input/csv-shape';
import { AccountsFileError } from '../../../../jobs/annual-review-check/input/errors';

function scan(text: string, size = 3): void {
  const shape = new CsvShape('a.csv');
  for (let i = 0; i < text.length; i += size) shape.scan(text.slice(i, i + size));
  shape.end();
}

function errorOf(fn: () => void): Error | null {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  return null;
}

describe('CsvShape', () => {
  it('lets real files through: quoted commas and line breaks, "" inside quotes, a quote inside a word', () => {
    expect(errorOf(() => scan('账号,名称\r\n001,"北京,某某"\r\n002,"甲\r\n乙"\r\n003,"a""b"\r\n004,北京"某某"公司\r\n'))).toBeNull();
  });

  it('refuses a record of more fields than Excel has columns before it is built, naming the line', () => {
    const error = errorOf(() => scan(`a,b\n1,2\n${','.repeat(16_384)}\n`, 1000));
    expect(error).toBeInstanceOf(AccountsFileError);
    expect(error?.message).toBe('a.csv: 第 3 行的一条记录超过 16,384 列（Excel 的列数上限），不是有效的表格');
    // 16,383 commas are 16,384 fields: still a sheet.
    expect(errorOf(() => scan(`a\n${','.repeat(16_383)}\n`, 1000))).toBeNull();
  });

  it('counts the fields of a record that spans lines inside quotes as one record', () => {
    const lines = Array.from({ length: 3 }, () => `${','.repeat(6000)}"x\n`).join('');
    expect(errorOf(() => scan(`a\n"${lines}"\n`, 100))).toBeInstanceOf(AccountsFileError);
  });

  it('names the line of a quote still open at the end of the file (\\r\\n is one line)', () => {
    const error = errorOf(() => scan('账号,名称\r\n001,甲\r\n002,"乙\r\n003,丙\r\n004,丁\r\n'));
    expect(error).toBeInstanceOf(AccountsFileError);
    expect(error?.message).toBe('a.csv: 第 3 行的引号到文件末尾（第 5 行）都没有闭合，其后各行无法分清，请修正引号后重新提交');
  });
});

import { describe, expect, it } from 'vitest';
import { AccountsFileError } from '../../../../jobs/annual-review-check/input/errors';
import { ByteBudget, InputLimitError } from '../../../../jobs/annual-review-check/input/limits';
import { SHARED_STRINGS_TEXT_STARTS, SHEET_TEXT_STARTS, XmlGuard } from '../../../../jobs/annual-review-check/input/xml-guard';

// maxCellChars 10 → a run of at most 100 bytes (10 bytes a character, written as entities).
const options = (budgets: ByteBudget[] = [], textStarts: ReadonlySet<string> | null = SHEET_TEXT_STARTS) => ({
  file: 'a.xlsx', part: 'xl/worksheets/sheet1.xml', maxCellChars: 10, textStarts, budgets,
});

/** Feeds the text to a fresh guard in pieces of `size` bytes (every split point matters). */
function feed(xml: string, size: number, opts = options()): void {
  const bytes = Buffer.from(xml, 'utf8');
  const guard = new XmlGuard(opts);
  for (let i = 0; i < bytes.length; i += size) guard.check(bytes.subarray(i, i + size));
}

function errorOf(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return null;
}

const SIZES = [1, 2, 3, 7, 64, 1 << 20];

describe('XmlGuard', () => {
  const legit = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
    '<!-- a comment > with > brackets -- inside --><cols><col min="1" max="16384" width="9"/></cols>',
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>兰州远达商贸有限公司</t></is></c>',
    '<c r="B1"><v>123456</v></c><c r="C1" t="inlineStr"><is><t><![CDATA[a>b]]></t></is></c></row></sheetData>',
    '</worksheet>',
  ].join('\n');

  it.each(SIZES)('lets a real sheet through whatever the chunk size (%i bytes)', (size) => {
    expect(errorOf(() => feed(legit, size))).toBeNull();
  });

  it.each(SIZES)('refuses a text node longer than any cell, naming part and limit (chunks of %i)', (size) => {
    const error = errorOf(() => feed(`<worksheet><sheetData>${' '.repeat(101)}</sheetData></worksheet>`, size));
    expect(error).toBeInstanceOf(InputLimitError);
    expect((error as InputLimitError).limit).toBe('maxCellChars');
    expect((error as Error).message).toMatch(/^a\.xlsx: xl\/worksheets\/sheet1\.xml 中有一段连续文字超过 100 字节.*上限 inputMaxCellChars = 10 字符/u);
  });

  it('refuses text that exceljs would append to one value across elements (short pieces between tags)', () => {
    // After </v>, exceljs's sheet reader appends every text node to that value until the next <v>/<t>.
    const error = errorOf(() => feed(`<c r="A1"><v>1</v></c>${'<x/> '.repeat(101)}`, 64));
    expect(error).toBeInstanceOf(InputLimitError);
    expect(errorOf(() => feed(`${'<c r="A1"><v>1</v></c> '.repeat(101)}`, 64))).toBeNull();
  });

  it('restarts the count where the shared strings start a new string', () => {
    const sst = `<sst>${'<si><t>0123456789</t></si>\n'.repeat(50)}</sst>`;
    expect(errorOf(() => feed(sst, 7, options([], SHARED_STRINGS_TEXT_STARTS)))).toBeNull();
    // exceljs appends every text node of an <si> to its string until the next <t> or <si>.
    expect(errorOf(() => feed(`<sst><si><t>0</t>${' <b/>'.repeat(101)}</si></sst>`, 7, options([], SHARED_STRINGS_TEXT_STARTS)))).toBeInstanceOf(InputLimitError);
  });

  it.each([
    ['a tag', `<c r="A1" ${'x'.repeat(101)}="1"/>`],
    ['a comment', `<!--${'a>'.repeat(60)}-->`],
    ['a comment opened as <!--->', `<!--->${'a>'.repeat(60)}-->`],
    ['a CDATA section', `<t><![CDATA[${'a>'.repeat(60)}]]></t>`],
    ['a processing instruction', `<?x ${'a>'.repeat(60)}?>`],
  ])('refuses %s longer than any cell', (_label, xml) => {
    for (const size of [1, 5, 1 << 20]) expect(errorOf(() => feed(xml, size))).toBeInstanceOf(InputLimitError);
  });

  it('refuses a DTD (it could declare entities) and a column range past Excel\'s 16,384', () => {
    const dtd = errorOf(() => feed('<!DOCTYPE x [<!ENTITY a "b">]><worksheet/>', 3));
    expect(dtd).toBeInstanceOf(AccountsFileError);
    expect((dtd as Error).message).toBe('a.xlsx: xl/worksheets/sheet1.xml 含有 <!DOCTYPE> 或其他声明，不是有效的 xlsx 文件');
    // exceljs makes one object per column of a <col> range: max="2000000000" never ends.
    const col = errorOf(() => feed('<cols><col min="1" max="2000000000" width="9"/></cols>', 4));
    expect((col as Error).message).toBe('a.xlsx: xl/worksheets/sheet1.xml <col max="2000000000"> 超过 Excel 的列数上限 16384，不是有效的 xlsx 文件');
  });

  it('counts every unpacked byte against the budgets, naming the limit', () => {
    const budget = new ByteBudget('a.xlsx', 'maxUnzippedBytes', 1000, 'xlsx 解压后的内容');
    const error = errorOf(() => feed(`<sst>${'<si><t>x</t></si>'.repeat(100)}</sst>`, 64, options([budget])));
    expect(error).toBeInstanceOf(InputLimitError);
    expect((error as Error).message).toMatch(/^a\.xlsx: xlsx 解压后的内容超过上限（读到 xl\/worksheets\/sheet1\.xml 时）（上限 inputMaxUnzippedBytes = 1,000 字节，可用 OPSBOT_INPUT_MAX_UNZIPPED_BYTES 调整）$/u);
  });
});

// Rows of a CSV file, streamed: memory stays flat whatever the file size.
//
// No account may vanish without a word, so each record is checked for what silently merges or
// garbles rows:
// - A record spanning several physical lines (a stray `"` at the start of a field quotes every
//   line up to the next `"`; or a line break typed into a cell) is ONE row error naming those
//   lines; nothing is read from them and every line after them is read as usual. (`relax_quotes`
//   keeps a `"` inside an unquoted field literal: 北京"某某"公司 is a name, not a quote.)
// - A quote still open at the end of the file leaves no record boundary to trust after it: the
//   file is refused (exit 2) naming the line of that quote (csv-shape.ts, which also refuses a
//   record of more fields than Excel has columns before csv-parse builds it).
// - A cell with bytes the file's encoding cannot decode (GBK rows in a UTF-8 file) is a row error.
// Rows are numbered by physical line, as an editor shows them; that is Excel's row number too,
// as long as no record spans lines (and such a record is an error).

import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { pipeline } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import type { SheetCell, SheetRow } from './cell';
import { csvShapeStream } from './csv-shape';
import type { CsvEncoding } from './encoding';
import { detectFileEncoding } from './encoding';
import { AccountsFileError } from './errors';
import { InputLimitError, type InputLimits } from './limits';

/** Stateless for whole strings: text decoded from GB18030 back to its bytes. */
const gb18030 = iconv.getEncoder('gb18030');

const ENCODING_NAMES: Record<CsvEncoding, string> = { utf8: 'UTF-8', utf16le: 'UTF-16', utf16be: 'UTF-16', gb18030: 'GBK/GB18030' };

export interface CsvRecord {
  fields: string[];
  /** First and last physical line of the record (1-based). */
  start: number;
  end: number;
}

const n = (value: number) => value.toLocaleString('en-US');

/** Line breaks inside a record's fields (\r\n counts once): outside quotes a break ends the record. */
function breaksIn(fields: string[]): number {
  let breaks = 0;
  for (const text of fields) if (/[\r\n]/u.test(text)) breaks += text.match(/\r\n|\r|\n/gu)!.length;
  return breaks;
}

/**
 * A cell of a GBK file whose bytes are UTF-8 Chinese (a UTF-8 export glued after a GBK one): GBK
 * decodes it without complaint, into other characters. Real GBK text is almost never valid UTF-8
 * holding two characters of three or more bytes (none of the 28,771 non-ASCII cells of the
 * registry sample is).
 */
function looksUtf8(text: string): boolean {
  if (!/\P{ASCII}/u.test(text)) return false;
  const bytes = gb18030.write(text);
  if (!isUtf8(bytes)) return false;
  let wide = 0;
  for (const byte of bytes) if (byte >= 0xe0 && ++wide >= 2) return true;
  return false;
}

/** What is wrong with a record as a whole, or null. */
export function recordProblem(record: CsvRecord, encoding: CsvEncoding): string | null {
  const { fields, start, end } = record;
  if (end > start) {
    const column = fields.findIndex((text) => /[\r\n]/u.test(text)) + 1;
    return `第 ${start}–${end} 行（共 ${end - start + 1} 行）被读成了一条记录：第 ${column} 列有未配对的引号或单元格内换行，这些行都未读取，请修正后重新提交`;
  }
  const undecodable = fields.findIndex((text) => text.includes('\uFFFD'));
  if (undecodable >= 0) {
    return `第 ${start} 行第 ${undecodable + 1} 列有无法按 ${ENCODING_NAMES[encoding]} 解码的字节（文件可能混用了多种编码），此行未读取`;
  }
  const utf8 = encoding === 'gb18030' ? fields.findIndex(looksUtf8) : -1;
  if (utf8 >= 0) return `第 ${start} 行第 ${utf8 + 1} 列是 UTF-8 编码，而文件的其余部分是 GBK（文件混用了多种编码），此行未读取`;
  return null;
}

/** A record past the limits refuses the whole file: a cell too long, a value too far right. */
function checkLimits(file: string, record: CsvRecord, limits: InputLimits): void {
  record.fields.forEach((text, index) => {
    if (text.length > limits.maxCellChars) {
      throw new InputLimitError(file, 'maxCellChars', limits.maxCellChars, `第 ${record.start} 行第 ${index + 1} 列有 ${n(text.length)} 个字符`);
    }
    // Empty cells past the limit (a row of trailing commas) are harmless.
    if (index >= limits.maxCellsPerRow && text.trim() !== '') {
      throw new InputLimitError(file, 'maxCellsPerRow', limits.maxCellsPerRow, `第 ${record.start} 行第 ${n(index + 1)} 列有内容`);
    }
  });
}

function toRow(file: string, record: CsvRecord, encoding: CsvEncoding, limits: InputLimits): SheetRow {
  // A row error first: lines a stray quote swallowed make one long "cell", and that is not the file's fault as a whole.
  const error = recordProblem(record, encoding);
  if (error) return { row: record.start, cells: [], error };
  checkLimits(file, record, limits);
  const cells = record.fields.slice(0, limits.maxCellsPerRow).map((text): SheetCell => (text === '' ? { kind: 'empty' } : { kind: 'text', text }));
  return { row: record.start, cells };
}

const maxRecordBytes = (limits: InputLimits) => limits.maxCellChars * limits.maxCellsPerRow;

export async function* readCsvRows(file: string, limits: InputLimits): AsyncGenerator<SheetRow> {
  const encoding = await detectFileEncoding(file);
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    // Any line break ends a record outside quotes, as csv-shape.ts counts them.
    record_delimiter: ['\r\n', '\n', '\r'],
    // A bound on memory while one record is read (a 50 MB "cell"): no record within the limits is longer.
    max_record_size: maxRecordBytes(limits),
  });
  // pipeline: a read, decode or shape error ends the parser with that error (pipe() would drop it).
  pipeline(createReadStream(file), iconv.decodeStream(encoding), csvShapeStream(file), parser, () => {});

  let line = 1;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const record = { fields, start: line, end: line + breaksIn(fields) };
      line = record.end + 1;
      yield toRow(file, record, encoding, limits);
    }
  } catch (error) {
    throw csvFileError(file, error, line, limits);
  } finally {
    parser.destroy();
  }
}

/** A parse error as the user can act on it: file and line, exit 2. */
function csvFileError(file: string, error: unknown, line: number, limits: InputLimits): unknown {
  // By its code: csv-parse's CsvError class differs between its ESM and CommonJS builds.
  if (error instanceof AccountsFileError || !/^CSV_/u.test(String((error as { code?: unknown }).code))) return error;
  // The parser's own line: records it parsed before failing may not have reached us.
  const { code, lines } = error as CsvError & { lines?: number };
  const at = typeof lines === 'number' ? lines : line;
  if (code === 'CSV_MAX_RECORD_SIZE') {
    // Within the limits a record holds at most (cells per row × chars per cell): past that, a cell is too long.
    return new InputLimitError(file, 'maxCellChars', limits.maxCellChars, `第 ${at} 行的记录超过 ${n(maxRecordBytes(limits))} 字节仍未结束：单元格过长，或引号未配对`);
  }
  return new AccountsFileError(file, `第 ${at} 行无法按 CSV 读取（${code}）`);
}

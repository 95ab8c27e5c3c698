// A pass over a CSV's decoded text, just ahead of csv-parse, for what csv-parse cannot tell us in
// time: how many fields the record being read has (csv-parse builds the whole record before any
// hook sees it; a line of a billion commas would be a billion-element array), and on which line a
// quote still open at the end of the file was opened (csv-parse only says where the file ended).
//
// It follows csv-parse's quoting as csv-rows.ts configures it (relax_quotes; record delimiters
// \r\n, \n or \r; `""` inside quotes is a quote): a `"` opens a quoted field only at the start of a
// field, and closes it before a `,`, a line break or the end; a closing quote followed by anything
// else leaves the field unquoted. Physical lines are counted as an editor shows them (\r\n is one).

import { Transform } from 'node:stream';
import { AccountsFileError } from './errors';
import { EXCEL_MAX_COLUMNS } from './limits';

const enum Q {
  FieldStart,
  Unquoted,
  Quoted,
  /** A `"` inside a quoted field: the end of it, or the first half of `""`. */
  QuoteInQuoted,
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

export class CsvShape {
  private state = Q.FieldStart;
  private fields = 1;
  /** Physical line of the current character (1-based). */
  private line = 1;
  private afterCr = false;
  private quoteLine = 0;
  /** Line of the last character that is not a line break. */
  private lastLine = 1;

  constructor(private readonly file: string) {}

  scan(text: string): void {
    let { state, fields, line, afterCr, lastLine } = this;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || c === CR) {
        if (!(c === LF && afterCr)) line++;
        afterCr = c === CR;
        if (state !== Q.Quoted) {
          state = Q.FieldStart;
          fields = 1;
        }
        continue;
      }
      afterCr = false;
      lastLine = line;
      switch (state) {
        case Q.FieldStart:
          if (c === QUOTE) {
            state = Q.Quoted;
            this.quoteLine = line;
          } else if (c === COMMA) fields++;
          else state = Q.Unquoted;
          break;
        case Q.Unquoted:
          if (c === COMMA) {
            fields++;
            state = Q.FieldStart;
          }
          break;
        case Q.Quoted:
          if (c === QUOTE) state = Q.QuoteInQuoted;
          break;
        case Q.QuoteInQuoted:
          if (c === QUOTE) state = Q.Quoted;
          else if (c === COMMA) {
            fields++;
            state = Q.FieldStart;
          } else state = Q.Unquoted;
          break;
      }
      if (fields > EXCEL_MAX_COLUMNS) {
        throw new AccountsFileError(this.file, `第 ${line} 行的一条记录超过 ${EXCEL_MAX_COLUMNS.toLocaleString('en-US')} 列（Excel 的列数上限），不是有效的表格`);
      }
    }
    Object.assign(this, { state, fields, line, afterCr, lastLine });
  }

  /** At the end of the file: a quoted field still open swallowed every line after its quote. */
  end(): void {
    if (this.state === Q.Quoted) {
      throw new AccountsFileError(
        this.file,
        `第 ${this.quoteLine} 行的引号到文件末尾（第 ${this.lastLine} 行）都没有闭合，其后各行无法分清，请修正引号后重新提交`,
      );
    }
  }
}

/** CsvShape as a pass-through stream of decoded text (what iconv-lite's decodeStream gives). */
export function csvShapeStream(file: string): Transform {
  const shape = new CsvShape(file);
  return new Transform({
    decodeStrings: false,
    transform(chunk: string, _encoding, callback) {
      try {
        shape.scan(chunk);
        callback(null, chunk);
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        shape.end();
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

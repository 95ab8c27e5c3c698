// A byte-level watch on the XML parts of an .xlsx before exceljs (through saxes) parses them. Both
// build strings without any bound: saxes a whole text node, tag, comment or CDATA section before
// it emits it; exceljs's sheet reader appends every text node after a `<v>` / `<t>` to that value
// until the next one starts (1 GB of whitespace after one cell ended in `RangeError: Invalid string
// length`). This guard counts what each of them will hold and stops the read, naming the part and
// the limit, long before it is held. It also counts the unpacked bytes against the file's budgets
// (zip bombs) and refuses what no real workbook holds: a DTD, a column range past Excel's 16,384.
//
// It is a tokenizer, not a parser: text, tags, comments, CDATA and processing instructions are
// told apart only to know where each accumulation starts and ends. A `>` inside an attribute value
// ends a tag early here, which only makes the count stricter, never looser.

import { StringDecoder } from 'node:string_decoder';
import { Transform } from 'node:stream';
import { AccountsFileError } from './errors';
import { EXCEL_MAX_COLUMNS, InputLimitError, type ByteBudget } from './limits';

export interface XmlGuardOptions {
  file: string;
  /** The part, as named in messages: `xl/sharedStrings.xml`. */
  part: string;
  /** The longest cell the limits allow; a run of bytes may hold it written as entities (10 bytes a character). */
  maxCellChars: number;
  /**
   * Start tags after which the parser begins a new text value: the sheet reader restarts at
   * `<v>`, `<t>`, `<is>`, `<f>`; the shared strings at `<si>`, `<t>`. `null`: every start tag
   * (the other parts keep each element's text on its own).
   */
  textStarts: ReadonlySet<string> | null;
  budgets: ByteBudget[];
}

export const SHEET_TEXT_STARTS: ReadonlySet<string> = new Set(['v', 't', 'is', 'f']);
export const SHARED_STRINGS_TEXT_STARTS: ReadonlySet<string> = new Set(['si', 't']);

/** Bytes an XML entity may take for one character (`&#x10FFFF;`). */
const BYTES_PER_CHAR = 10;
/** A start tag's name is read this far; longer names are no names a workbook uses. */
const MAX_NAME = 32;
/** `<col min=".." max=".." width=".." style=".." .../>` is short; the guard keeps it to read `max`. */
const MAX_COL_TAG = 1024;

const enum State {
  Text,
  /** Just after `<`: which kind of markup this is. */
  Head,
  Tag,
  Comment,
  CData,
  Instruction,
}

const LT = 0x3c;
const GT = 0x3e;

export class XmlGuard {
  private state = State.Text;
  /** Bytes of the current text node, tag, comment, CDATA section or instruction. */
  private run = 0;
  /** Text bytes since the parser last started a new value. */
  private text = 0;
  private head = '';
  /** The current `<col …>` tag's text, while it is read. */
  private colTag: string | null = null;
  /** Last two bytes of the current comment / CDATA / instruction body, for its terminator. */
  private tail = 0;
  private bodyBytes = 0;
  private readonly maxRun: number;

  constructor(private readonly options: XmlGuardOptions) {
    this.maxRun = options.maxCellChars * BYTES_PER_CHAR;
  }

  check(chunk: Uint8Array): void {
    for (const budget of this.options.budgets) budget.spend(chunk.length, this.options.part);
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case State.Text: {
          const lt = chunk.indexOf(LT, i);
          const end = lt < 0 ? n : lt;
          this.run += end - i;
          this.text += end - i;
          this.checkRun();
          if (this.text > this.maxRun) this.tooLong('文字');
          if (lt < 0) return;
          this.startMarkup();
          i = lt + 1;
          break;
        }
        case State.Head:
          i = this.readHead(chunk, i);
          break;
        case State.Tag: {
          const gt = chunk.indexOf(GT, i);
          const end = gt < 0 ? n : gt;
          this.run += end - i;
          this.checkRun();
          if (this.colTag !== null) {
            this.colTag += Buffer.from(chunk.buffer, chunk.byteOffset + i, end - i).toString('latin1');
            if (this.colTag.length > MAX_COL_TAG) this.invalid(`<col> 标签长达 ${this.colTag.length} 字节`);
          }
          if (gt < 0) return;
          if (this.colTag !== null) this.checkColTag(this.colTag);
          this.endMarkup();
          i = gt + 1;
          break;
        }
        default:
          i = this.readBody(chunk, i);
      }
    }
  }

  private startMarkup(): void {
    this.state = State.Head;
    this.head = '';
    this.run = 1;
  }

  private endMarkup(): void {
    this.state = State.Text;
    this.run = 0;
    this.colTag = null;
  }

  /** After `<`: `!--`, `![CDATA[`, `?`, `/`, or a start tag's name. */
  private readHead(chunk: Uint8Array, from: number): number {
    let i = from;
    for (; i < chunk.length; i++) {
      const c = chunk[i]!;
      this.run++;
      if (this.head === '') {
        if (c === 0x3f /* ? */) return this.startBody(State.Instruction, i + 1);
        if (c === 0x2f /* / */) {
          this.state = State.Tag;
          return i + 1;
        }
      }
      if (this.head.startsWith('!') || (this.head === '' && c === 0x21 /* ! */)) {
        this.head += String.fromCharCode(c);
        if (this.head === '!--') return this.startBody(State.Comment, i + 1);
        if (this.head === '![CDATA[') return this.startBody(State.CData, i + 1);
        // A DTD could declare entities (and no OOXML part has one): refused, as anything else after `<!`.
        if (!'!--'.startsWith(this.head) && !'![CDATA['.startsWith(this.head)) this.invalid('含有 <!DOCTYPE> 或其他声明');
        continue;
      }
      if (c === GT || c === 0x2f || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
        this.startTag(this.head);
        if (c === GT) {
          this.endMarkup();
          return i + 1;
        }
        this.state = State.Tag;
        return i + 1;
      }
      if (this.head.length < MAX_NAME) this.head += String.fromCharCode(c);
      this.checkRun();
    }
    return i;
  }

  private startTag(name: string): void {
    const { textStarts } = this.options;
    if (textStarts === null || textStarts.has(name)) this.text = 0;
    if (name === 'col') this.colTag = '';
  }

  private startBody(state: State, next: number): number {
    this.state = state;
    this.tail = 0;
    this.bodyBytes = 0;
    return next;
  }

  /** Inside a comment, CDATA section or instruction: up to its terminator. Rare in real workbooks. */
  private readBody(chunk: Uint8Array, from: number): number {
    const [a, b] = this.state === State.Comment ? [0x2d, 0x2d] : this.state === State.CData ? [0x5d, 0x5d] : [-1, 0x3f];
    for (let i = from; i < chunk.length; i++) {
      const c = chunk[i]!;
      this.run++;
      if (c === GT && (this.tail & 0xff) === b && (a < 0 || (this.bodyBytes >= 2 && this.tail >> 8 === a))) {
        this.checkRun();
        this.endMarkup();
        return i + 1;
      }
      this.tail = ((this.tail << 8) | c) & 0xffff;
      this.bodyBytes++;
      if (this.run > this.maxRun) this.checkRun();
    }
    this.checkRun();
    return chunk.length;
  }

  private checkRun(): void {
    if (this.run > this.maxRun) this.tooLong(this.state === State.Text ? '文字' : '标记');
  }

  private tooLong(what: string): never {
    throw new InputLimitError(
      this.options.file,
      'maxCellChars',
      this.options.maxCellChars,
      // maxRun is the longest cell the limit allows, each character written as a 10-byte entity.
      `${this.options.part} 中有一段连续${what}超过 ${this.maxRun.toLocaleString('en-US')} 字节，比任何单元格都长`,
    );
  }

  /** exceljs makes one object per column of a `<col min max>` range: past Excel's width is no sheet. */
  private checkColTag(tag: string): void {
    for (const match of tag.matchAll(/\b(min|max)\s*=\s*["']?\s*(\d+)/gu)) {
      if (Number(match[2]) > EXCEL_MAX_COLUMNS) this.invalid(`<col ${match[1]}="${match[2]}"> 超过 Excel 的列数上限 ${EXCEL_MAX_COLUMNS}`);
    }
  }

  private invalid(what: string): never {
    throw new AccountsFileError(this.options.file, `${this.options.part} ${what}，不是有效的 xlsx 文件`);
  }
}

/**
 * UTF-8 bytes → text, a character cut between two chunks kept whole. exceljs decodes each chunk on
 * its own (lib/utils/browser-buffer-decode.js), so every character split by a chunk boundary
 * became two U+FFFD: 222 of the portal export's 100,000 accounts had a garbled name or address.
 * Handed strings, it uses them as they are.
 */
export function utf8TextStream(): Transform {
  const decoder = new StringDecoder('utf8');
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, callback) {
      const text = decoder.write(chunk);
      callback(null, text === '' ? undefined : text);
    },
    flush(callback) {
      const rest = decoder.end();
      callback(null, rest === '' ? undefined : rest);
    },
  });
}

/** The guard as a pass-through stream. */
export function xmlGuardStream(options: XmlGuardOptions): Transform {
  const guard = new XmlGuard(options);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        guard.check(chunk);
        callback(null, chunk);
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

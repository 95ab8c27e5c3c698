// The one JSONL reader (JsonlWriter's counterpart): streams a file of JSON lines with each line's
// number, so a bad line can be named. In the SDK so that bots, templates and jobs may all use it.
//
// Read in big chunks and split on bytes rather than through readline: a 100,000-account run reads
// ~110 MB of JSONL, and readline's per-line events, string concatenation and regex split cost more
// than parsing the JSON itself. Line breaks and numbering are readline's (`\n`, `\r\n`, and a lone
// `\r`, with `crlfDelay: Infinity`); each line is decoded on its own (`\n` never occurs inside a
// multi-byte UTF-8 character), so the text is exactly what readline would have given.

import { open } from 'node:fs/promises';

export interface JsonlLine {
  line: number;
  value: unknown;
  /** Set when the line is not JSON; `value` is then undefined. */
  error?: string;
}

const CHUNK_BYTES = 1 << 20;
const LF = 0x0a;
const CR = 0x0d;

function parseLine(line: number, text: string): JsonlLine {
  try {
    return { line, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { line, value: undefined, error: error instanceof Error ? error.message : String(error) };
  }
}

/** State carried from one chunk to the next: the line number reached. */
interface Cursor {
  line: number;
}

/**
 * Parses `bytes[start, end)` (one line without its `\n`) into `out`; empty lines are counted, not
 * parsed. `nextCr` is the first `\r` at or after `start` (-1: none), found once per chunk by the caller.
 */
function takeLine(bytes: Buffer, start: number, end: number, nextCr: number, cursor: Cursor, out: JsonlLine[]): void {
  let stop = end;
  if (stop > start && bytes[stop - 1] === CR) stop--;
  if (nextCr !== -1 && nextCr < stop) {
    // Rare: a lone `\r` is a line break for readline too.
    for (const text of bytes.toString('utf8', start, stop).split('\r')) {
      cursor.line++;
      if (text) out.push(parseLine(cursor.line, text));
    }
    return;
  }
  cursor.line++;
  if (stop > start) out.push(parseLine(cursor.line, bytes.toString('utf8', start, stop)));
}

/** The file's lines in order, a chunk's worth (~1 MB) at a time: one await per chunk, not per line. */
export async function* readJsonlBatches(file: string): AsyncGenerator<JsonlLine[]> {
  const handle = await open(file, 'r');
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let kept = 0; // bytes of an unfinished line at the start of `buffer`
    const cursor: Cursor = { line: 0 };
    for (;;) {
      if (kept === buffer.length) {
        // One line longer than the buffer: grow it rather than cut the line.
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, kept);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, kept, buffer.length - kept, null);
      const filled = kept + bytesRead;
      const batch: JsonlLine[] = [];
      let start = 0;
      let nextCr = buffer.indexOf(CR);
      let newline = buffer.indexOf(LF, start);
      while (newline !== -1 && newline < filled) {
        if (nextCr !== -1 && nextCr < start) nextCr = buffer.indexOf(CR, start);
        takeLine(buffer, start, newline, nextCr, cursor, batch);
        start = newline + 1;
        newline = buffer.indexOf(LF, start);
      }
      if (bytesRead === 0) {
        if (nextCr !== -1 && nextCr < start) nextCr = buffer.indexOf(CR, start);
        if (filled > start) takeLine(buffer, start, filled, nextCr, cursor, batch);
        if (batch.length > 0) yield batch;
        return;
      }
      kept = filled - start;
      buffer.copy(buffer, 0, start, filled);
      if (batch.length > 0) yield batch;
    }
  } finally {
    await handle.close();
  }
}

/** The file's lines one at a time, each with its number, a line that is not JSON with its `error`. */
export async function* readJsonlLines(file: string): AsyncGenerator<JsonlLine> {
  for await (const batch of readJsonlBatches(file)) yield* batch;
}

/**
 * The file's values in order, for files the product wrote itself: a line that is not JSON is a
 * damaged file, so it throws naming file and line rather than being skipped.
 *
 * @example for await (const record of readJsonlValues(path.join(runDir, status.file))) count++;
 */
export async function* readJsonlValues(file: string): AsyncGenerator<unknown> {
  for await (const { line, value, error } of readJsonlLines(file)) {
    if (error !== undefined) throw new Error(`${file}:${line}: not a JSON line (${error})`);
    yield value;
  }
}

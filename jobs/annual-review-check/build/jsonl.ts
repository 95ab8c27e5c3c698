// Streams a JSONL file line by line with its line number, so a bad line can be named.

import { createReadStream } from 'node:fs';
import readline from 'node:readline';

export interface JsonlLine {
  line: number;
  value: unknown;
  /** Set when the line is not JSON; `value` is then undefined. */
  error?: string;
}

export async function* readJsonlLines(file: string): AsyncGenerator<JsonlLine> {
  const lines = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (!text) continue;
    try {
      yield { line, value: JSON.parse(text) as unknown };
    } catch (error) {
      yield { line, value: undefined, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

// The chunked JSONL reader must give exactly what readline (crlfDelay: Infinity) gave before it:
// same lines, same numbers, same parse errors, whatever the line breaks and chunk boundaries.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonlLines, readJsonlValues, type JsonlLine } from '../../../../bots/sdk/jsonl-reader';

/** The reader as it was: readline, one JSON.parse per non-empty line. */
async function viaReadline(file: string): Promise<JsonlLine[]> {
  const out: JsonlLine[] = [];
  let line = 0;
  for await (const text of readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    line++;
    if (!text) continue;
    try {
      out.push({ line, value: JSON.parse(text) as unknown });
    } catch (error) {
      out.push({ line, value: undefined, error: (error as Error).message });
    }
  }
  return out;
}

async function viaChunks(file: string): Promise<JsonlLine[]> {
  const out: JsonlLine[] = [];
  for await (const line of readJsonlLines(file)) out.push(line);
  return out;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'arc-jsonl-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cases: Record<string, string | Buffer> = {
  plain: '{"a":1}\n{"a":"二"}\n',
  noFinalNewline: '{"a":1}\n{"a":2}',
  crlf: '{"a":1}\r\n{"a":2}\r\n\r\n{"a":3}\r\n',
  loneCr: '{"a":1}\r{"a":2}\n{"a":3}\r\r\n{"a":4}',
  emptyLinesAndBadJson: '\n\n{"a":1}\nnot json\n{"a":\n\n{"b":"尾"}\n',
  bom: '\uFEFF{"a":1}\n{"a":2}\n',
  onlyNewlines: '\n\n\n',
  empty: '',
  invalidUtf8: Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xe4, 0xb8]), Buffer.from('"}\n{"a":"ok"}\n')]),
};

describe('readJsonlLines', () => {
  for (const [name, content] of Object.entries(cases)) {
    it(`reads "${name}" exactly as readline did`, async () => {
      const file = path.join(dir, `${name}.jsonl`);
      await writeFile(file, content);
      const expected = await viaReadline(file);
      expect(await viaChunks(file)).toEqual(expected);
    });
  }

  it('keeps lines longer than a chunk and characters split across chunk boundaries whole', async () => {
    // ~3 MB of 3-byte characters on one line, then short lines: every chunk edge cuts a character.
    const long = { text: '中文字'.repeat(350_000) };
    const lines = [{ n: 1 }, long, { n: 3, s: '尾'.repeat(1000) }, ...Array.from({ length: 5000 }, (_, i) => ({ n: i, s: `行${'é'.repeat(i % 7)}` }))];
    const file = path.join(dir, 'long.jsonl');
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\r\n'));
    const read = await viaChunks(file);
    expect(read).toEqual(await viaReadline(file));
    expect(read.map((l) => l.value)).toEqual(lines);
  });
});

describe('readJsonlValues (files the product wrote itself)', () => {
  async function values(file: string): Promise<unknown[]> {
    const out: unknown[] = [];
    for await (const value of readJsonlValues(file)) out.push(value);
    return out;
  }

  it('gives each line’s value in order, skipping empty lines', async () => {
    const file = path.join(dir, 'values.jsonl');
    await writeFile(file, '{"a":1}\n\n["二"]\r\n3\n');
    expect(await values(file)).toEqual([{ a: 1 }, ['二'], 3]);
  });

  it('throws at a line that is not JSON, naming file and line, after giving the lines before it', async () => {
    const file = path.join(dir, 'damaged.jsonl');
    await writeFile(file, '{"a":1}\n\n{"a":\n{"a":4}\n');
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const value of readJsonlValues(file)) seen.push(value);
    })().catch((e: unknown) => e as Error);
    expect(seen).toEqual([{ a: 1 }]);
    expect(error?.message.startsWith(`${file}:3: not a JSON line (`), error?.message).toBe(true);
  });
});

// Which text encoding a CSV file uses. Excel on a Chinese Windows saves "CSV" as GBK (GB18030 is
// its superset), newer tools as UTF-8 with or without BOM. The sample always holds the header's
// Chinese column names. Rows further on that the chosen encoding cannot decode (a file glued
// together from a UTF-8 and a GBK export) are not guessed at: csv-rows.ts reports each one.

import { open } from 'node:fs/promises';

export type CsvEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030';

/** Enough bytes to meet non-ASCII text in any real header row. */
const SAMPLE_BYTES = 64 * 1024;

export function detectEncoding(sample: Uint8Array): CsvEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf16be';
  try {
    // `stream: true` tolerates a character cut in half at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

export async function detectFileEncoding(file: string): Promise<CsvEncoding> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return detectEncoding(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';

/**
 * Streams the rows of a GBK-encoded CSV file (the core system's export) as arrays of cell texts:
 * decoded and parsed as it is read, so a 200,000-row export never sits in memory.
 */
export async function* gbkCsvRows(file: string): AsyncGenerator<string[]> {
  // pipeline, not .pipe(): a read error (a file gone, EIO) ends the loop below with that error
  // instead of an unhandled 'error' event on the file stream; the callback sees the same error.
  const parser = pipeline(createReadStream(file), iconv.decodeStream('gbk'), parse({ bom: true, relax_quotes: false }), () => undefined);
  for await (const row of parser) yield row as string[];
}

/** The header line of a GBK CSV file only. */
export async function gbkCsvHeader(file: string): Promise<string[]> {
  for await (const row of gbkCsvRows(file)) return row;
  return [];
}

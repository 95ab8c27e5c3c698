import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';

/**
 * Streams the rows of a GBK-encoded CSV file (the core system's export) as arrays of cell texts:
 * decoded and parsed as it is read, so a 200,000-row export never sits in memory.
 */
export async function* gbkCsvRows(file: string): AsyncGenerator<string[]> {
  const parser = createReadStream(file).pipe(iconv.decodeStream('gbk')).pipe(parse({ bom: true, relax_quotes: false }));
  for await (const row of parser) yield row as string[];
}

/** The header line of a GBK CSV file only. */
export async function gbkCsvHeader(file: string): Promise<string[]> {
  for await (const row of gbkCsvRows(file)) return row;
  return [];
}

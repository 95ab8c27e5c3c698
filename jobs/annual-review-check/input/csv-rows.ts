// Rows of a CSV file, streamed: memory stays flat whatever the file size.

import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { SheetRow } from './cell';
import { detectFileEncoding } from './encoding';

export async function* readCsvRows(file: string): AsyncGenerator<SheetRow> {
  const encoding = await detectFileEncoding(file);
  const source = createReadStream(file);
  // iconv-lite strips a BOM for every Unicode encoding (stripBOM defaults to true).
  const parser = source.pipe(iconv.decodeStream(encoding)).pipe(
    parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false }),
  );
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells: record.map((text) => (text === '' ? { kind: 'empty' } : { kind: 'text', text })) };
    }
  } finally {
    source.destroy();
  }
}

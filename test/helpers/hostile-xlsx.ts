// Hand-built .xlsx files an attacker (or a broken tool) could hand in as `--input`: a zip written
// here entry by entry, so that a part can be a decompression bomb without the test ever holding the
// decompressed text (each part is a generator of chunks, deflated as it comes).
import { closeSync, openSync, writeSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';

type Chunks = Iterable<string>;

/** Deflates the chunks into one raw deflate stream; returns it with the CRC and size of the input. */
function deflateChunks(chunks: Chunks): { data: Buffer; crc: number; size: number } {
  const pieces: Buffer[] = [];
  let batch: Buffer[] = [];
  let batchBytes = 0;
  let crc = 0;
  let size = 0;
  // Each batch is deflated on its own; raw deflate blocks concatenate into one valid stream as
  // long as every piece but the last ends on a full flush (byte-aligned, no final block).
  // A bomb repeats one batch many times: its deflated form is deflated once.
  let previous: { input: Buffer; output: Buffer } | null = null;
  const flushBatch = (final: boolean) => {
    const input = Buffer.concat(batch);
    const output = !final && previous?.input.equals(input) ? previous.output : deflateRawSync(input, { level: 9, finishFlush: final ? constants.Z_FINISH : constants.Z_FULL_FLUSH });
    if (!final) previous = { input, output };
    pieces.push(output);
    batch = [];
    batchBytes = 0;
  };
  for (const chunk of chunks) {
    const bytes = Buffer.from(chunk, 'utf8');
    crc = crc32(bytes, crc);
    size += bytes.length;
    batch.push(bytes);
    batchBytes += bytes.length;
    if (batchBytes >= 16 << 20) flushBatch(false);
  }
  flushBatch(true);
  return { data: Buffer.concat(pieces), crc, size };
}

/** Writes a zip (deflate, no zip64) whose entries are generated as chunks. */
export function writeZip(file: string, entries: Array<[name: string, chunks: Chunks]>): void {
  const fd = openSync(file, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  const write = (buffer: Buffer) => {
    writeSync(fd, buffer);
    offset += buffer.length;
  };
  try {
    for (const [name, chunks] of entries) {
      const { data, crc, size } = deflateChunks(chunks);
      const nameBytes = Buffer.from(name, 'utf8');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4); // version needed
      local.writeUInt16LE(0x0800, 6); // UTF-8 names
      local.writeUInt16LE(8, 8); // deflate
      local.writeUInt32LE(crc >>> 0, 14);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(size, 22);
      local.writeUInt16LE(nameBytes.length, 26);
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(0x0800, 8);
      header.writeUInt16LE(8, 10);
      header.writeUInt32LE(crc >>> 0, 16);
      header.writeUInt32LE(data.length, 20);
      header.writeUInt32LE(size, 24);
      header.writeUInt16LE(nameBytes.length, 28);
      header.writeUInt32LE(offset, 42);
      central.push(header, nameBytes);
      write(local);
      write(nameBytes);
      write(data);
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    write(directory);
    write(end);
  } finally {
    closeSync(fd);
  }
}

export const HEADER = ['账号', '存款人名称', '统一社会信用代码', '法定代表人'];

const xmlText = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;');
const columnName = (index: number) => {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

/** `<row>` of inline-string cells. */
export function inlineRow(row: number, values: string[]): string {
  const cells = values.map((v, i) => `<c r="${columnName(i)}${row}" t="inlineStr"><is><t>${xmlText(v)}</t></is></c>`).join('');
  return `<row r="${row}">${cells}</row>`;
}

/** A good data row: account `62220230` + zero-padded n. */
export function accountValues(n: number): string[] {
  return [`62220230${String(n).padStart(10, '0')}`, `兰州远达商贸有限公司${n}`, '91620105750906995R', '艾力·托合提'];
}

/**
 * A minimal workbook Excel and exceljs open: one sheet whose XML is `sheetBody` (the children of
 * `<worksheet>`), and an optional shared-strings part.
 */
export function writeWorkbook(file: string, sheetBody: Chunks, sharedStrings?: Chunks): void {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const entries: Array<[string, Chunks]> = [
    ['[Content_Types].xml', [
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>',
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
      sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '',
      '</Types>',
    ]],
    ['_rels/.rels', [`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`]],
    ['xl/workbook.xml', [`<?xml version="1.0" encoding="UTF-8"?><workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="年检清单" sheetId="1" r:id="rId1"/></sheets></workbook>`]],
    ['xl/_rels/workbook.xml.rels', [
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>`,
      sharedStrings ? `<Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>` : '',
      '</Relationships>',
    ]],
  ];
  if (sharedStrings) entries.push(['xl/sharedStrings.xml', (function* () {
    yield `<?xml version="1.0" encoding="UTF-8"?><sst ${ns}>`;
    yield* sharedStrings;
    yield '</sst>';
  })()]);
  entries.push(['xl/worksheets/sheet1.xml', (function* () {
    yield `<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}>`;
    yield* sheetBody;
    yield '</worksheet>';
  })()]);
  writeZip(file, entries);
}

/** `<sheetData>` with the header and `rows` good accounts, then `after` (e.g. `<mergeCells>`). */
export function* accountsSheet(rows: number, after = ''): Generator<string> {
  yield '<sheetData>';
  yield inlineRow(1, HEADER);
  for (let n = 1; n <= rows; n++) yield inlineRow(n + 1, accountValues(n));
  yield '</sheetData>';
  yield after;
}

/** `count` copies of `piece`, yielded in batches (a bomb's body). */
export function* repeated(piece: string, count: number): Generator<string> {
  const perBatch = Math.max(1, Math.floor((1 << 20) / piece.length));
  for (let left = count; left > 0; left -= perBatch) yield piece.repeat(Math.min(perBatch, left));
}

// The first worksheet of an .xlsx, opened with exceljs's part parsers fed by us.
//
// exceljs's WorkbookReader reads the zip itself (unzipper, in file order) with no bound on what an
// entry unpacks to, and copies a sheet met before the shared strings to a temp file. A 390 KB file
// could make it hold 2 GB. So we find the parts through the central directory (zip-entry.ts), in
// the order their meaning needs (relationships, workbook, shared strings, styles, then the sheet),
// and hand each to the reader's own parser through an XmlGuard (xml-guard.ts) that counts every
// unpacked byte. The parser methods are exceljs internals (`_parseRels` …); exceljs 4.4.0 has not
// changed them since 2020, and the xlsx unit tests read every cell kind through them.

import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AccountsFileError } from './errors';
import { ByteBudget, type InputLimits } from './limits';
import { SHARED_STRINGS_TEXT_STARTS, SHEET_TEXT_STARTS, utf8TextStream, xmlGuardStream } from './xml-guard';
import { openZip, ZipFormatError, type ZipArchive } from './zip-entry';

interface Relationship {
  Id: string;
  Type: string;
  Target: string;
}

/** The parts of exceljs's WorkbookReader we drive (lib/stream/xlsx/workbook-reader.js). */
interface ReaderInternals {
  model?: { sheets?: Array<{ id: number; name: string; rId: string }> };
  workbookRels?: Relationship[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: ExcelJS.stream.xlsx.WorksheetReader }>;
}

export interface XlsxSheet {
  archive: ZipArchive;
  /** The sheet's part, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
  budgets: { read: ByteBudget; held: ByteBudget };
  /** Streams the sheet's rows (once). */
  rows(): Promise<AsyncIterable<ExcelJS.Row>>;
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

/** A relationship target (`worksheets/sheet1.xml`, `/xl/styles.xml`) as a part name. */
function partOf(target: string): string {
  return target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join('xl', target));
}

export async function openFirstSheet(file: string, limits: InputLimits): Promise<XlsxSheet> {
  let archive: ZipArchive;
  try {
    archive = await openZip(file);
  } catch (error) {
    if (error instanceof ZipFormatError) throw new AccountsFileError(file, `不是有效的 xlsx 文件（${error.message}）`);
    throw error;
  }
  // Everything unpacked, all parts together (zip bombs); and what stays in memory while the rows
  // stream (shared strings, styles, workbook, merged cells).
  const read = new ByteBudget(file, 'maxUnzippedBytes', limits.maxUnzippedBytes, 'xlsx 解压后的内容');
  const held = new ByteBudget(file, 'maxXlsxTableBytes', limits.maxXlsxTableBytes, 'xlsx 中须留在内存的部分（共享字符串、样式、合并单元格）');
  // The reader's own input is never read: each part is handed to its parser below.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // needed to know which number cells are dates
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as ReaderInternals;

  const part = async (name: string, textStarts: ReadonlySet<string> | null, keep: boolean) =>
    archive.open(name, xmlGuardStream({ file, part: name, maxCellChars: limits.maxCellChars, textStarts, budgets: keep ? [read, held] : [read] }), utf8TextStream());

  const relsStream = await part('xl/_rels/workbook.xml.rels', null, true);
  const workbookStream = relsStream && (await reader._parseRels(relsStream), await part('xl/workbook.xml', null, true));
  if (!workbookStream) throw new AccountsFileError(file, '不是有效的 xlsx 文件（缺少 xl/workbook.xml 或其关系表）');
  await reader._parseWorkbook(workbookStream);

  const rels = reader.workbookRels ?? [];
  const relOfType = (type: string) => rels.find((rel) => rel.Type === `${REL}${type}`);
  // The first sheet in the workbook's own order: the first tab the user sees.
  const first = reader.model?.sheets?.[0];
  const sheetRel = first && rels.find((rel) => rel.Id === first.rId);
  if (!sheetRel) throw new AccountsFileError(file, '文件为空，没有表头行');
  const sheetPart = partOf(sheetRel.Target);

  const sharedStrings = await part(partOf(relOfType('sharedStrings')?.Target ?? 'sharedStrings.xml'), SHARED_STRINGS_TEXT_STARTS, true);
  if (sharedStrings) for await (const _ of reader._parseSharedStrings(sharedStrings)); // 'cache': fills reader.sharedStrings
  const styles = await part(partOf(relOfType('styles')?.Target ?? 'styles.xml'), null, true);
  if (styles) await reader._parseStyles(styles);

  return {
    archive,
    part: sheetPart,
    budgets: { read, held },
    async rows() {
      const stream = await part(sheetPart, SHEET_TEXT_STARTS, false);
      if (!stream) throw new AccountsFileError(file, `不是有效的 xlsx 文件（缺少 ${sheetPart}）`);
      const sheetNo = /sheet(\d+)\.xml$/u.exec(sheetPart)?.[1] ?? '1';
      const [emitted] = [...reader._parseWorksheet(stream, sheetNo)];
      if (!emitted) throw new Error('exceljs emitted no worksheet reader');
      return emitted.value as unknown as AsyncIterable<ExcelJS.Row>;
    },
  };
}

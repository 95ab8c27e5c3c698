import ExcelJS, { type CellValue } from 'exceljs';
import type { Kysely } from 'kysely';
import { localDateTimeOf } from '../../../bots/records';
import { writeThroughStreamAtomic } from '../../../bots/sdk/atomic-write';
import { localDateCell, textCell } from '../../../templates/render/xlsx/cell-value';
import { NUMBER_FORMATS } from '../../../templates/render/xlsx/number-formats';
import { printSetup, rowHeight, wrappedLines } from '../../../templates/render/xlsx/print-setup';
import { font, solidFill, thinBorder } from '../../../templates/render/xlsx/styles';
import { addDays } from '../calendar/business-calendar';
import { startOfDayInZone } from '../calendar/zoned-date';
import type { AuditRow, Database } from '../db';
import { auditRows } from './audit-pages';
import { ACTION_LABELS, readableValue } from './audit-labels';
import { verifyAuditChain } from './verify-audit';

/** The bank's days: --from / --to are whole days of Beijing time, as everything else the bank reads. */
const BANK_ZONE = 'Asia/Shanghai';

export interface AuditExportRequest {
  /** First day included, YYYY-MM-DD (Beijing time). */
  from: string;
  /** Last day included, YYYY-MM-DD. */
  to: string;
  out: string;
}

export interface AuditExportResult {
  rows: number;
  /** The whole chain's check, as printed on the 说明 sheet. */
  chain: Awaited<ReturnType<typeof verifyAuditChain>>;
}

const COLUMNS = [
  { header: '编号', width: 9 },
  { header: '时间（北京时间）', width: 20, numFmt: NUMBER_FORMATS.dateTime },
  { header: '操作人', width: 12 },
  { header: '操作', width: 18 },
  { header: '操作代码', width: 16 },
  { header: '对象', width: 26 },
  { header: '变更前', width: 36, wrap: true },
  { header: '变更后', width: 36, wrap: true },
  { header: '校验值 (sha256)', width: 24 },
] as const;

const HEADER_FILL = '#37474F';
const HEADER_INK = '#FFFFFF';
/** A tall cell still opens readable: Excel's row limit is 409 points. */
const MAX_ROW_LINES = 24;

/**
 * Writes the audit rows of [from, to] as an Excel an auditor reads (review-workbench.md, Audit):
 * a 说明 sheet (range, when exported, how many rows, whether the whole chain verifies) and a 审计日志
 * sheet, one row per entry with the action in Chinese and before/after as readable lines. Written
 * through a temporary file beside `out` and renamed, so a failed export leaves no half file.
 */
export async function exportAudit(db: Kysely<Database>, request: AuditExportRequest, now = new Date()): Promise<AuditExportResult> {
  const range = { from: startOfDayInZone(request.from, BANK_ZONE), to: startOfDayInZone(addDays(request.to, 1), BANK_ZONE) };
  const chain = await verifyAuditChain(db);
  const rows = await writeThroughStreamAtomic(request.out, async (out, watch) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    // Added first so it is the first tab; filled when the count is known.
    const about = workbook.addWorksheet('说明', printSetup({ widthChars: 80 }));
    const written = await writeEntries(workbook, auditRows(db, range), () => watch.error);
    writeAbout(about, request, written, chain, now);
    await workbook.commit();
    return written;
  });
  return { rows, chain };
}

function writeAbout(sheet: ExcelJS.Worksheet, request: AuditExportRequest, rows: number, chain: AuditExportResult['chain'], now: Date): void {
  sheet.columns = [{ width: 18 }, { width: 62 }];
  const title = sheet.addRow(['审计日志导出']);
  title.font = font({ bold: true, size: 14 });
  title.commit();
  const lines: [string, string][] = [
    ['导出范围', `${request.from} 至 ${request.to}（北京时间，含首尾两日）`],
    ['导出时间', localDateTimeOf(now)],
    ['条数', String(rows)],
    ['哈希链校验（全表）', chain.broken
      ? `不通过：第 ${chain.broken.id} 条（${localDateTimeOf(chain.broken.at)}，${chain.broken.action}，${chain.broken.subject}）与链不符，该条或其前一条被改动或删除`
      : `通过：全部 ${chain.checked} 条与链相符`],
    ['说明', '每条的校验值 = sha256(上一条的校验值 + 本条内容)。任何一条被改动或删除，其后各条均无法通过校验（opsbot audit verify）。'],
  ];
  for (const [k, v] of lines) {
    const row = sheet.addRow([k, v]);
    row.getCell(1).font = font({ bold: true });
    row.getCell(2).font = font(k === '哈希链校验（全表）' && chain.broken ? { bold: true, color: { argb: 'FFC62828' } } : {});
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.height = rowHeight(wrappedLines(v, 62));
    row.commit();
  }
  sheet.commit();
}

async function writeEntries(workbook: ExcelJS.stream.xlsx.WorkbookWriter, entries: AsyncIterable<AuditRow>, failed: () => Error | undefined): Promise<number> {
  const sheet = workbook.addWorksheet('审计日志', {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    ...printSetup({ widthChars: COLUMNS.reduce((sum, c) => sum + c.width, 0), titleRows: '1:1' }),
  });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = font({ bold: true, color: { argb: `FF${HEADER_INK.slice(1)}` } });
    cell.fill = solidFill(HEADER_FILL);
    cell.alignment = { vertical: 'middle', horizontal: 'left', wrapText: true };
    cell.border = { bottom: thinBorder(HEADER_FILL) };
  });
  header.commit();
  // One style object per column, shared by its cells (exceljs caches styles by identity).
  const styles = COLUMNS.map((c) => ({
    font: font(),
    alignment: { vertical: 'top' as const, wrapText: 'wrap' in c },
    ...('numFmt' in c ? { numFmt: c.numFmt } : {}),
  }));
  let count = 0;
  for await (const e of entries) {
    const error = failed();
    if (error) throw error; // the disk is full: stop reading the audit
    const before = readableValue(e.before);
    const after = readableValue(e.after);
    const values: CellValue[] = [
      e.id,
      localDateCell(localDateTimeOf(e.at)),
      textCell(e.actor),
      ACTION_LABELS[e.action] ?? e.action,
      textCell(e.action),
      textCell(e.subject),
      textCell(before),
      textCell(after),
      e.hash,
    ];
    const row = sheet.addRow(values);
    values.forEach((_, i) => (row.getCell(i + 1).style = styles[i] ?? {}));
    const lines = Math.max(wrappedLines(before, 36), wrappedLines(after, 36));
    if (lines > 1) row.height = rowHeight(Math.min(lines, MAX_ROW_LINES));
    row.commit();
    count++;
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, count + 1), column: COLUMNS.length } };
  sheet.commit();
  return count;
}

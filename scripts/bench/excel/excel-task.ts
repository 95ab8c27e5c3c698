// Writes one 100,000-row detail sheet either through opsbot's writer (writeTableSheet: styled
// header, frozen pane, autofilter, a style per cell) or through plain exceljs streaming (the same
// workbook options, column widths and formats, rows added and committed), and times the write.

import { statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { writeTableSheet } from '../../../templates/render/xlsx/table-sheet';
import { DETAIL_COLUMNS, detailRows } from './rows';

export interface ExcelResult {
  writer: 'opsbot' | 'exceljs';
  rows: number;
  writeMs: number;
  cpuMs: number;
  bytes: number;
  /** RSS once the rows are in memory, before writing: the part both contenders share. */
  rssBeforeWriteMb: number;
}

const THEME = { headerFill: '#1F4E79', headerInk: '#FFFFFF', rule: '#9E9E9E' };

async function writeOpsbot(file: string, rows: ExcelJS.CellValue[][]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  await writeTableSheet(workbook, '交易明细', DETAIL_COLUMNS, rows, THEME);
  await workbook.commit();
}

async function writePlain(file: string, rows: ExcelJS.CellValue[][]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const sheet = workbook.addWorksheet('交易明细');
  sheet.columns = DETAIL_COLUMNS.map((c) => ({ header: c.header, width: c.width, style: c.numFmt === undefined ? {} : { numFmt: c.numFmt } }));
  for (const values of rows) sheet.addRow(values).commit();
  sheet.commit();
  await workbook.commit();
}

export async function runExcel(args: { writer: 'opsbot' | 'exceljs'; rows: number; dir: string }): Promise<ExcelResult> {
  const rows = detailRows(args.rows);
  const rssBeforeWriteMb = process.memoryUsage().rss / 1024 / 1024;
  const file = path.join(args.dir, `${args.writer}.xlsx`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await (args.writer === 'opsbot' ? writeOpsbot(file, rows) : writePlain(file, rows));
  const writeMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { writer: args.writer, rows: rows.length, writeMs, cpuMs: (cpu.user + cpu.system) / 1000, bytes: statSync(file).size, rssBeforeWriteMb };
}

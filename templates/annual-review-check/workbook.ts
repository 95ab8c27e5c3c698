// annual-review-check-<date>.xlsx: summary (by severity, field, branch), mismatch detail with bank
// and registry values side by side in severity colours, passed, unverifiable, input errors.
// Streamed with exceljs's WorkbookWriter and renamed into place when complete.
//
// Example:
//   await writeReviewWorkbook(path.join(out, `annual-review-check-${date}.xlsx`), {
//     reviewDate: date, mismatches: rows, accounts: () => readAccountsBack(), inputErrors,
//   });

import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import { tempPathBeside } from '../../bots/sdk/atomic-write';
import { watchWriteStream } from '../../bots/sdk/watch-write-stream';
import type { Severity, Verdict } from '../../jobs/annual-review-check/flag';
import { FIELDS, SEVERITIES } from '../../jobs/annual-review-check/flag';
import { actionFor } from '../../jobs/annual-review-check/actions';
import type { InputRowError } from '../../jobs/annual-review-check/input/errors';
import type { MismatchEntry } from '../../jobs/annual-review-check/outputs/mismatches';
import { textCell } from '../render/xlsx/cell-value';
import { font, solidFill, sheetName } from '../render/xlsx/styles';
import { FIELD_LABELS, SEVERITY_LABELS, SHEETS, STATUS_LABELS, TEXT, VERDICT_LABELS } from './strings';
import { reviewPrint, writeStreamedTable } from './table';
import { SEVERITY_COLOURS } from './theme';

/** A mismatch with what the detail sheet adds: the account's branch and the evidence screenshot. */
export type MismatchRow = MismatchEntry & {
  branch: string | null;
  /** Screenshot path relative to the run folder (where the workbook is written). */
  evidence?: string;
};

/** One judged account, as the passed / unverifiable sheets and the branch summary need it. */
export interface WorkbookAccount {
  accountNo: string;
  name: string;
  uscc: string;
  branch: string | null;
  verdict: Verdict;
  /** Why the lookup failed, for unverifiable accounts. */
  error?: string;
}

export interface ReviewWorkbookInput {
  reviewDate: string;
  /** Already ordered most severe first (buildMismatches does that). */
  mismatches: readonly MismatchRow[];
  /** Called twice (summary counts, then the passed / unverifiable sheets): must re-read the source. */
  accounts: () => AsyncIterable<WorkbookAccount> | Iterable<WorkbookAccount>;
  inputErrors: readonly InputRowError[];
}

interface BranchCounts {
  accounts: number;
  byVerdict: Record<Verdict, number>;
  bySeverity: Record<Severity, number>;
}

function emptyBranch(): BranchCounts {
  return { accounts: 0, byVerdict: { pass: 0, mismatch: 0, unverifiable: 0 }, bySeverity: { critical: 0, high: 0, medium: 0, low: 0 } };
}

async function countByBranch(input: ReviewWorkbookInput): Promise<Map<string, BranchCounts>> {
  const branches = new Map<string, BranchCounts>();
  const of = (branch: string | null): BranchCounts => {
    const key = branch ?? TEXT.noBranch;
    let counts = branches.get(key);
    if (!counts) branches.set(key, (counts = emptyBranch()));
    return counts;
  };
  for await (const account of input.accounts()) {
    const counts = of(account.branch);
    counts.accounts++;
    counts.byVerdict[account.verdict]++;
  }
  for (const mismatch of input.mismatches) of(mismatch.branch).bySeverity[mismatch.severity]++;
  return branches;
}

const SUMMARY_WIDTHS = [22, 12, 12, 12, 12, 10, 10, 10, 10];

function heading(sheet: Worksheet, text: string): void {
  const row = sheet.addRow([text]);
  row.getCell(1).font = font({ bold: true, size: 12 });
  row.commit();
}

function writeSummary(sheet: Worksheet, input: ReviewWorkbookInput, branches: Map<string, BranchCounts>): void {
  sheet.columns = SUMMARY_WIDTHS.map((width) => ({ width }));
  const title = sheet.addRow([TEXT.title]);
  title.getCell(1).font = font({ bold: true, size: 14 });
  title.commit();
  sheet.addRow([TEXT.reviewDate, input.reviewDate]).commit();
  sheet.addRow([]).commit();

  const total = emptyBranch();
  for (const counts of branches.values()) {
    total.accounts += counts.accounts;
    for (const verdict of ['pass', 'mismatch', 'unverifiable'] as const) total.byVerdict[verdict] += counts.byVerdict[verdict];
  }
  heading(sheet, TEXT.totals);
  sheet.addRow([TEXT.accounts, total.accounts]).commit();
  for (const verdict of ['pass', 'mismatch', 'unverifiable'] as const) sheet.addRow([VERDICT_LABELS[verdict], total.byVerdict[verdict]]).commit();
  sheet.addRow([TEXT.flags, input.mismatches.length]).commit();
  sheet.addRow([TEXT.inputErrors, input.inputErrors.length]).commit();
  sheet.addRow([]).commit();

  heading(sheet, TEXT.bySeverity);
  for (const severity of SEVERITIES) {
    const row = sheet.addRow([SEVERITY_LABELS[severity], input.mismatches.filter((m) => m.severity === severity).length]);
    row.getCell(1).fill = solidFill(SEVERITY_COLOURS[severity].fill);
    row.getCell(1).font = font({ color: { argb: `FF${SEVERITY_COLOURS[severity].ink.slice(1)}` } });
    row.commit();
  }
  sheet.addRow([]).commit();

  heading(sheet, TEXT.byField);
  for (const field of FIELDS) sheet.addRow([FIELD_LABELS[field], input.mismatches.filter((m) => m.field === field).length]).commit();
  sheet.addRow([]).commit();

  heading(sheet, TEXT.byBranch);
  const header = sheet.addRow(['开户网点', TEXT.accounts, ...(['pass', 'mismatch', 'unverifiable'] as const).map((v) => VERDICT_LABELS[v]), ...SEVERITIES.map((s) => SEVERITY_LABELS[s])]);
  header.font = font({ bold: true });
  // Counts sit right in their cells; so do their headers.
  header.eachCell((cell, col) => {
    cell.alignment = { horizontal: col === 1 ? 'left' : 'right' };
  });
  header.commit();
  const ordered = [...branches.entries()].sort((a, b) => b[1].bySeverity.critical - a[1].bySeverity.critical || b[1].byVerdict.mismatch - a[1].byVerdict.mismatch || a[0].localeCompare(b[0], 'zh-CN'));
  for (const [branch, counts] of ordered) {
    sheet
      .addRow([textCell(branch), counts.accounts, counts.byVerdict.pass, counts.byVerdict.mismatch, counts.byVerdict.unverifiable, ...SEVERITIES.map((s) => counts.bySeverity[s])])
      .commit();
  }
  sheet.commit();
}

export async function writeReviewWorkbook(file: string, input: ReviewWorkbookInput): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = tempPathBeside(file);
  // Our own stream, watched: exceljs listens for its errors only in commit(), so a full disk
  // before that was an unhandled 'error' event, and after it a commit that never settled.
  const out = createWriteStream(temp);
  const watch = watchWriteStream(out, file);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  try {
    // Added first so it is the first tab; filled last, when every count is known.
    const summary = workbook.addWorksheet(sheetName(SHEETS.summary), reviewPrint(SUMMARY_WIDTHS.reduce((sum, w) => sum + w, 0)));
    const branches = await countByBranch(input);

    await writeStreamedTable(
      workbook,
      SHEETS.mismatches,
      [
        // Long texts wrap in narrower columns, so the sheet prints across one landscape page.
        { header: '严重程度', width: 9 },
        { header: '新增/持续', width: 9 },
        { header: '账号', width: 19 },
        { header: '存款人名称', width: 24, wrap: true },
        { header: '统一社会信用代码', width: 20 },
        { header: '开户网点', width: 12, wrap: true },
        { header: '核验项', width: 14 },
        { header: '银行记录', width: 24, wrap: true },
        { header: '登记信息', width: 24, wrap: true },
        { header: '地址相似度', width: 10, numFmt: '0%' },
        { header: '说明', width: 36, wrap: true },
        { header: '处理建议', width: 28, wrap: true },
        { header: '登记页截图', width: 10 },
      ],
      input.mismatches,
      (m) => [
        SEVERITY_LABELS[m.severity],
        STATUS_LABELS[m.status],
        textCell(m.accountNo),
        textCell(m.name),
        textCell(m.uscc),
        textCell(m.branch),
        FIELD_LABELS[m.field],
        textCell(m.bankValue),
        textCell(m.registryValue),
        m.similarity ?? null,
        textCell(m.message),
        actionFor(m.rule),
        // Only a link we made ourselves, relative to the run folder; never scraped text as a link.
        m.evidence ? { text: TEXT.evidenceLink, hyperlink: m.evidence.split(path.sep).join('/') } : TEXT.noEvidence,
      ],
      (row, m) => {
        const colour = SEVERITY_COLOURS[m.severity];
        const severityCell = row.getCell(1);
        severityCell.fill = solidFill(colour.fill);
        severityCell.font = font({ bold: true, color: { argb: `FF${colour.ink.slice(1)}` } });
        row.getCell(8).fill = solidFill('#FFF8E1');
        row.getCell(9).fill = solidFill('#E8F5E9');
        if (m.evidence) row.getCell(13).font = font({ underline: true, color: { argb: 'FF1565C0' } });
      },
    );

    const accountColumns = [
      { header: '账号', width: 20 },
      { header: '存款人名称', width: 30 },
      { header: '统一社会信用代码', width: 20 },
      { header: '开户网点', width: 14 },
    ];
    const accountValues = (a: WorkbookAccount) => [textCell(a.accountNo), textCell(a.name), textCell(a.uscc), textCell(a.branch)];
    async function* withVerdict(verdict: Verdict) {
      for await (const account of input.accounts()) {
        if (watch.error) throw watch.error; // the disk is full: stop reading a million accounts
        if (account.verdict === verdict) yield account;
      }
    }
    await writeStreamedTable(workbook, SHEETS.passed, accountColumns, withVerdict('pass'), accountValues);
    await writeStreamedTable(workbook, SHEETS.unverifiable, [...accountColumns, { header: '原因', width: 40 }], withVerdict('unverifiable'), (a) => [
      ...accountValues(a),
      textCell(a.error ?? '登记系统查询失败'),
    ]);
    await writeStreamedTable(
      workbook,
      SHEETS.inputErrors,
      [
        { header: '行号', width: 8, numeric: true },
        { header: '账号', width: 20 },
        { header: '错误', width: 60, wrap: true },
      ],
      input.inputErrors,
      (e) => [e.row, textCell(e.accountNo ?? null), textCell(e.error)],
    );

    writeSummary(summary, input, branches);
    await Promise.race([workbook.commit(), watch.failed]);
    await rename(temp, file);
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw watch.error ?? error;
  }
}

// annual-review-check-<date>.xlsx: summary (by severity, field, branch), mismatch detail with bank
// and registry values side by side in severity colours, passed, unverifiable, input errors.
// Streamed with exceljs's WorkbookWriter and renamed into place when complete.
//
// Example:
//   await writeReviewWorkbook(path.join(out, `annual-review-check-${date}.xlsx`), {
//     reviewDate: date, totals, mismatches: rows, accounts: () => readAccountsBack(), inputErrors,
//   });

import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import { writeThroughStreamAtomic } from '../../bots/sdk/atomic-write';
import type { WatchedStream } from '../../bots/sdk/watch-write-stream';
import { textCell } from '../render/xlsx/cell-value';
import { font, solidFill, sheetName } from '../render/xlsx/styles';
import { CASE_STATE_LABELS, FIELD_LABELS, SEVERITY_LABELS, SHEETS, STATUS_LABELS, TEXT, VERDICT_LABELS } from './strings';
import { reviewPrint, writeStreamedTable, type Column } from './table';
import { SEVERITY_COLOURS } from './theme';
import type { BranchCounts, CaseSections, InputErrorRow, MismatchRow, ReviewTotals, Verdict, WorkbookAccount } from './view-model';

export interface ReviewWorkbookInput {
  reviewDate: string;
  /** The counts of the 汇总 sheet, as the job made them. */
  totals: ReviewTotals;
  /** Already ordered most severe first (buildMismatches does that); dismissed flags are in `cases`, not here. */
  mismatches: readonly MismatchRow[];
  /** The review workbench's sheets (已复核忽略, 本次已解决); absent when the run kept no cases. */
  cases?: CaseSections;
  /** Called twice (the passed, then the unverifiable sheet): must re-read the source. */
  accounts: () => AsyncIterable<WorkbookAccount> | Iterable<WorkbookAccount>;
  inputErrors: readonly InputErrorRow[];
}

const VERDICTS: readonly Verdict[] = ['pass', 'mismatch', 'unverifiable'];
const SUMMARY_WIDTHS = [22, 12, 12, 12, 12, 10, 10, 10, 10];

/** The 不一致明细 sheet's columns. */
const DETAIL_COLUMNS: readonly Column[] = [
  // Long texts wrap in narrower columns, so the sheet prints across one landscape page.
  { header: '严重程度', width: 9 },
  { header: '状态', width: 9 },
  { header: '账号', width: 19 },
  { header: '存款人名称', width: 24, wrap: true },
  { header: '统一社会信用代码', width: 20 },
  { header: '开户网点', width: 12, wrap: true },
  { header: '核验项', width: 14 },
  { header: '银行记录', width: 24, wrap: true },
  { header: '登记信息', width: 24, wrap: true },
  { header: '地址相似度', width: 10, numFmt: '0%' },
  // When the registry changed the field, the customer's deadline, and how late on the review date.
  { header: '变更日期', width: 11 },
  { header: '应办理截止', width: 11 },
  { header: '逾期工作日', width: 10, numeric: true },
  { header: '说明', width: 36, wrap: true },
  { header: '处理建议', width: 28, wrap: true },
  { header: '登记页截图', width: 10 },
  { header: '登记页原文', width: 10 },
  // The flag's case in the review workbench (empty when the run kept no cases).
  { header: '案件编号', width: 9, numeric: true },
];

/** The sheet column (1-based) under `header`, for styling a row's cell. */
const detailColumn = (header: string): number => DETAIL_COLUMNS.findIndex((c) => c.header === header) + 1;
const BANK_COLUMN = detailColumn('银行记录');
const REGISTRY_COLUMN = detailColumn('登记信息');
const OVERDUE_COLUMN = detailColumn('逾期工作日');
const EVIDENCE_COLUMN = detailColumn('登记页截图');

function heading(sheet: Worksheet, text: string): void {
  const row = sheet.addRow([text]);
  row.getCell(1).font = font({ bold: true, size: 12 });
  row.commit();
}

/** The branch table's order: most critical flags, then most mismatching accounts, then by name. */
function branchOrder(branches: readonly BranchCounts[]): [string, BranchCounts][] {
  return branches
    .map((b): [string, BranchCounts] => [b.branch ?? TEXT.noBranch, b])
    .sort((a, b) => b[1].bySeverity.critical - a[1].bySeverity.critical || b[1].byVerdict.mismatch - a[1].byVerdict.mismatch || a[0].localeCompare(b[0], 'zh-CN'));
}

function writeSummary(sheet: Worksheet, input: ReviewWorkbookInput): void {
  const { totals } = input;
  sheet.columns = SUMMARY_WIDTHS.map((width) => ({ width }));
  const title = sheet.addRow([TEXT.title]);
  title.getCell(1).font = font({ bold: true, size: 14 });
  title.commit();
  sheet.addRow([TEXT.reviewDate, input.reviewDate]).commit();
  sheet.addRow([]).commit();

  heading(sheet, TEXT.totals);
  sheet.addRow([TEXT.accounts, totals.accounts]).commit();
  for (const verdict of VERDICTS) sheet.addRow([VERDICT_LABELS[verdict], totals.byVerdict[verdict]]).commit();
  sheet.addRow([TEXT.flags, totals.flags]).commit();
  if (input.cases) sheet.addRow([TEXT.dismissedNote, input.cases.dismissed.length]).commit();
  sheet.addRow([TEXT.inputErrors, totals.inputErrors]).commit();
  sheet.addRow([]).commit();

  heading(sheet, TEXT.bySeverity);
  for (const { severity, flags } of totals.bySeverity) {
    const row = sheet.addRow([SEVERITY_LABELS[severity], flags]);
    row.getCell(1).fill = solidFill(SEVERITY_COLOURS[severity].fill);
    row.getCell(1).font = font({ color: { argb: `FF${SEVERITY_COLOURS[severity].ink.slice(1)}` } });
    row.commit();
  }
  sheet.addRow([]).commit();

  heading(sheet, TEXT.byField);
  for (const { field, flags } of totals.byField) sheet.addRow([FIELD_LABELS[field], flags]).commit();
  sheet.addRow([]).commit();

  heading(sheet, TEXT.byBranch);
  const severities = totals.bySeverity.map((s) => s.severity);
  const header = sheet.addRow(['开户网点', TEXT.accounts, ...VERDICTS.map((v) => VERDICT_LABELS[v]), ...severities.map((s) => SEVERITY_LABELS[s])]);
  header.font = font({ bold: true });
  // Counts sit right in their cells; so do their headers.
  header.eachCell((cell, col) => {
    cell.alignment = { horizontal: col === 1 ? 'left' : 'right' };
  });
  header.commit();
  for (const [branch, counts] of branchOrder(totals.branches)) {
    sheet
      .addRow([textCell(branch), counts.accounts, counts.byVerdict.pass, counts.byVerdict.mismatch, counts.byVerdict.unverifiable, ...severities.map((s) => counts.bySeverity[s])])
      .commit();
  }
  sheet.commit();
}

/** The columns both case sheets start with: which case, whose account, which check. */
const CASE_LEAD_COLUMNS = [
  { header: '严重程度', width: 9 },
  { header: '案件编号', width: 9, numeric: true },
  { header: '账号', width: 19 },
  { header: '存款人名称', width: 24, wrap: true },
  { header: '开户网点', width: 12, wrap: true },
  { header: '核验项', width: 14 },
] as const;

/** 已复核忽略: the flags whose dismissal still holds; 本次已解决: the cases this run resolved. */
async function writeCaseSheets(workbook: ExcelJS.stream.xlsx.WorkbookWriter, cases: CaseSections): Promise<void> {
  await writeStreamedTable(
    workbook,
    SHEETS.dismissed,
    [
      ...CASE_LEAD_COLUMNS,
      { header: '银行记录', width: 24, wrap: true },
      { header: '登记信息', width: 24, wrap: true },
      { header: '说明', width: 36, wrap: true },
    ],
    cases.dismissed,
    (m) => [SEVERITY_LABELS[m.severity], m.caseId ?? null, textCell(m.accountNo), textCell(m.name), textCell(m.branch), FIELD_LABELS[m.field], textCell(m.bankValue), textCell(m.registryValue), textCell(m.message)],
  );
  await writeStreamedTable(
    workbook,
    SHEETS.resolved,
    [
      ...CASE_LEAD_COLUMNS,
      { header: '解决前状态', width: 10 },
      { header: '原银行记录', width: 24, wrap: true },
      { header: '原登记信息', width: 24, wrap: true },
    ],
    cases.resolved,
    (r) => [SEVERITY_LABELS[r.severity], r.caseId, textCell(r.accountNo), textCell(r.name), textCell(r.branch), FIELD_LABELS[r.field], (CASE_STATE_LABELS as Record<string, string>)[r.stateBefore] ?? r.stateBefore, textCell(r.bankValue), textCell(r.registryValue)],
  );
}

export async function writeReviewWorkbook(file: string, input: ReviewWorkbookInput): Promise<void> {
  // Our own stream, watched: exceljs listens for its errors only in commit(), so a full disk
  // before that was an unhandled 'error' event, and after it a commit that never settled.
  await writeThroughStreamAtomic(file, (out, watch) =>
    fillReviewWorkbook(new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false }), input, watch),
  );
}

async function fillReviewWorkbook(workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: ReviewWorkbookInput, watch: WatchedStream): Promise<void> {
  // Added first so it is the first tab; filled last, when every count is known.
  const summary = workbook.addWorksheet(sheetName(SHEETS.summary), reviewPrint(SUMMARY_WIDTHS.reduce((sum, w) => sum + w, 0)));

  await writeStreamedTable(
    workbook,
    SHEETS.mismatches,
    DETAIL_COLUMNS,
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
      m.changedOn ?? null,
      m.reportDueOn ?? null,
      m.overdueWorkingDays ?? null,
      textCell(m.message),
      m.action,
      // Only a link we made ourselves, relative to the run folder; never scraped text as a link.
      m.evidence ? { text: TEXT.evidenceLink, hyperlink: m.evidence.split(path.sep).join('/') } : TEXT.noEvidence,
      // The bytes the registry sent (gzip), the first page of those the screenshot was rendered from.
      m.evidencePage ? { text: TEXT.evidencePageLink, hyperlink: m.evidencePage.split(path.sep).join('/') } : TEXT.noEvidencePage,
      m.caseId ?? null,
    ],
    (row, m) => {
      const colour = SEVERITY_COLOURS[m.severity];
      const severityCell = row.getCell(1);
      severityCell.fill = solidFill(colour.fill);
      severityCell.font = font({ bold: true, color: { argb: `FF${colour.ink.slice(1)}` } });
      row.getCell(BANK_COLUMN).fill = solidFill('#FFF8E1');
      row.getCell(REGISTRY_COLUMN).fill = solidFill('#E8F5E9');
      // Past the 5 working days: the figure in the high colour, so the late ones stand out.
      if ((m.overdueWorkingDays ?? 0) > 0) row.getCell(OVERDUE_COLUMN).font = font({ bold: true, color: { argb: `FF${SEVERITY_COLOURS.high.fill.slice(1)}` } });
      if (m.evidence) row.getCell(EVIDENCE_COLUMN).font = font({ underline: true, color: { argb: 'FF1565C0' } });
    },
  );

  if (input.cases) await writeCaseSheets(workbook, input.cases);

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

  writeSummary(summary, input);
  await workbook.commit();
}

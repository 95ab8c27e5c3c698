// The HTML of annual-review-check-<date>.pdf. Every value that came from a file or a portal goes
// through the `html` tag (escaped); only our own CSS is trusted.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fill } from '../render/format/fill';
import { html, trusted, type SafeHtml } from '../render/html/escape';
import { templateFolder } from '../template-folder';
import { PDF_TEXT as T, RULE_LABELS } from './pdf-strings';
import { rootVariables, severityVars } from './pdf-theme';
import { rankBranches } from './rank-branches';
import { CASE_STATE_LABELS, FIELD_LABELS, SEVERITY_LABELS, SHEETS, STATUS_LABELS } from './strings';
import { CASE_SECTION_ROW_LIMIT, type CaseSections, type FlagField, type MismatchRow, type ReviewReportModel, type RuleGroup, type RuleId, type Severity } from './view-model';

const CSS = readFileSync(path.join(templateFolder('annual-review-check'), 'report.css'), 'utf8');
const BRANCH_ROWS = 12;
const UNVERIFIABLE_ROWS = 50;
const INPUT_ERROR_ROWS = 30;

const C = T.columns;
const int = (n: number): string => n.toLocaleString('zh-CN');
const percent = (share: number | null): string => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
const num = (n: number): SafeHtml => html`<td class="num ${n === 0 ? 'zero' : ''}">${int(n)}</td>`;

function masthead(r: ReviewReportModel): SafeHtml {
  return html`<header class="masthead">
    <div><div class="org">${T.org}</div><h1>${T.title}</h1></div>
    <div class="meta">${T.reviewDate} <span class="date">${r.reviewDate}</span><br>${T.generatedAt} ${r.generatedAt}
      ${r.revision > 1 ? html`<br><span class="revision">${fill(T.revision, { n: r.revision })}</span>` : ''}</div>
  </header>`;
}

function banner(r: ReviewReportModel): SafeHtml | string {
  if (r.problems.length === 0) return '';
  return html`<div class="banner"><div class="head">${T.partial}</div><ul>${r.problems.map((p) => html`<li>${p}</li>`)}</ul></div>`;
}

function cards(r: ReviewReportModel): SafeHtml {
  const { accounts, byVerdict, verdictShare } = r.totals;
  const card = (label: string, value: number, colour: string | null, sub: string, unit: string = T.accountsUnit) =>
    html`<div class="card" style="${colour ? `--c:${colour}` : ''}"><div class="label">${label}</div>
      <div class="value">${int(value)}<small>${unit}</small></div><div class="sub">${sub}</div></div>`;
  return html`<div class="cards">
    ${card(T.accounts, accounts, null, '')}
    ${card(T.pass, byVerdict.pass, '#2E7D32', fill(T.ofAccounts, { p: percent(verdictShare.pass) }))}
    ${card(T.mismatch, byVerdict.mismatch, '#C62828', fill(T.ofAccounts, { p: percent(verdictShare.mismatch) }))}
    ${card(T.unverifiable, byVerdict.unverifiable, '#6A1B9A', fill(T.ofAccounts, { p: percent(verdictShare.unverifiable) }))}
    ${card(T.inputErrors, r.totals.inputErrors, r.totals.inputErrors > 0 ? '#EF6C00' : null, '', T.rowsUnit)}
  </div>`;
}

function severityStrip(r: ReviewReportModel): SafeHtml {
  return html`<h3>${T.flagsBySeverity}</h3><div class="severity-strip">${r.totals.bySeverity.map(
    (s) => html`<div style="${severityVars(s.severity)}">${SEVERITY_LABELS[s.severity]}<div class="n">${int(s.flags)}<small> ${T.flagsUnit}</small></div>
      <div class="sub">${fill(T.newCount, { n: s.newFlags })}</div></div>`,
  )}</div>`;
}

function byFieldTable(r: ReviewReportModel): SafeHtml {
  const severities = r.totals.bySeverity.map((s) => s.severity);
  return html`<div><h3>${T.byField}</h3><table><thead><tr><th>${C.field}</th>${severities.map((s) => html`<th class="num">${SEVERITY_LABELS[s]}</th>`)}<th class="num">${C.count}</th></tr></thead>
    <tbody>${r.totals.byField.map((f) => html`<tr><td>${FIELD_LABELS[f.field]}</td>${severities.map((s) => num(f.bySeverity[s]))}${num(f.flags)}</tr>`)}</tbody></table></div>`;
}

function byBranchTable(r: ReviewReportModel): SafeHtml {
  const branches = r.totals.branches;
  const ranked = rankBranches(branches).slice(0, BRANCH_ROWS);
  return html`<div><h3>${T.byBranch}</h3><table><thead><tr><th>${C.branch}</th><th class="num">${C.accounts}</th><th class="num">${T.mismatch}</th><th class="num">${T.unverifiable}</th><th class="num">${SEVERITY_LABELS.critical}</th><th class="num">${SEVERITY_LABELS.high}</th></tr></thead>
    <tbody>${ranked.map(
      (b) => html`<tr><td>${b.branch ?? T.noBranch}</td>${num(b.accounts)}${num(b.byVerdict.mismatch)}${num(b.byVerdict.unverifiable)}${num(b.bySeverity.critical)}${num(b.bySeverity.high)}</tr>`,
    )}</tbody></table>${branches.length > BRANCH_ROWS ? html`<div class="more">${fill(T.branchTop, { n: BRANCH_ROWS })}</div>` : ''}</div>`;
}

interface GroupColumn {
  header: string;
  width: number;
  /** A number column: it and its header sit right. */
  num?: boolean;
  cell: (m: MismatchRow) => SafeHtml;
}

// Recurring stands out: it was flagged at the last review and is still not put right.
const statusCell = (m: MismatchRow) => html`<td class="${m.status === 'new' ? 'tag-new' : 'tag-recurring'}">${STATUS_LABELS[m.status]}</td>`;
const COLUMN = {
  account: { header: C.accountNo, width: 17, cell: (m) => html`<td class="id">${m.accountNo}</td>` },
  accountWithCode: { header: `${C.accountNo} / ${C.uscc}`, width: 19, cell: (m) => html`<td class="id">${m.accountNo}<br><span class="code">${m.uscc}</span></td>` },
  name: { header: C.name, width: 30, cell: (m) => html`<td class="wrap">${m.name}</td>` },
  branch: { header: C.branch, width: 12, cell: (m) => html`<td class="wrap">${m.branch ?? T.noBranch}</td>` },
  code: { header: C.uscc, width: 20, cell: (m) => html`<td class="id">${m.bankValue ?? m.uscc}</td>` },
  registryStatus: { header: C.registryStatus, width: 14, cell: (m) => html`<td class="wrap registry">${m.registryValue ?? '—'}</td>` },
  bank: { header: C.bankValue, width: 16, cell: (m) => html`<td class="wrap bank">${m.bankValue ?? '—'}</td>` },
  registry: { header: C.registryValue, width: 16, cell: (m) => html`<td class="wrap registry">${m.registryValue ?? '—'}</td>` },
  status: { header: C.status, width: 8, cell: statusCell },
} satisfies Record<string, GroupColumn>;

/**
 * An expired licence: when it expired and how long ago, by the registry (a term that is not a date
 * shows its text). The bank's own expiry date adds nothing here (it is usually the same date), so
 * it is not shown twice.
 */
const EXPIRED_COLUMNS: GroupColumn[] = [
  COLUMN.accountWithCode,
  COLUMN.name,
  COLUMN.branch,
  { header: C.expiredOn, width: 11, cell: (m) => html`<td class="id registry">${m.expiry?.on ?? m.registryValue ?? '—'}</td>` },
  { header: C.daysExpired, width: 9, num: true, cell: (m) => html`<td class="num">${m.expiry === undefined ? '—' : fill(T.days, { n: int(m.expiry.daysAgo) })}</td>` },
  COLUMN.status,
];

/** On a registry list: when and why it was listed (the bank has no value of its own). */
const LISTING_COLUMNS: GroupColumn[] = [
  COLUMN.accountWithCode,
  COLUMN.name,
  COLUMN.branch,
  { header: C.listing, width: 30, cell: (m) => html`<td class="wrap registry">${m.registryValue ?? '—'}</td>` },
  COLUMN.status,
];

/** What to show side by side depends on the finding: the code itself, the registry status, or both values. */
function columnsFor(field: FlagField, rule: RuleId): GroupColumn[] {
  if (rule === 'licenseExpiry.expired') return EXPIRED_COLUMNS;
  if (field === 'seriousViolation' || field === 'abnormalOperation') return LISTING_COLUMNS;
  if (field === 'uscc' || field === 'notFound') return [COLUMN.account, COLUMN.name, COLUMN.branch, COLUMN.code, COLUMN.status];
  if (field === 'status') return [COLUMN.accountWithCode, COLUMN.name, COLUMN.branch, COLUMN.registryStatus, COLUMN.status];
  // For a name finding the bank's value IS the name: show it once, as the bank value.
  if (field === 'name') return [COLUMN.accountWithCode, COLUMN.branch, { ...COLUMN.bank, width: 30 }, { ...COLUMN.registry, width: 30 }, COLUMN.status];
  return [COLUMN.accountWithCode, COLUMN.name, COLUMN.branch, COLUMN.bank, COLUMN.registry, COLUMN.status];
}

function ruleGroup(group: RuleGroup): SafeHtml {
  const columns = columnsFor(group.field, group.rule);
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  return html`<div class="group" style="${severityVars(group.severity)}">
    <div class="group-head"><span class="rule">${RULE_LABELS[group.rule]}</span><span class="count">${fill(T.rows, { n: int(group.count) })} · ${fill(T.newCount, { n: group.newCount })}</span></div>
    <div class="action"><span class="label">${T.action}</span>${group.action}</div>
    ${group.rows.length === 0 ? '' : html`<table class="fixed"><colgroup>${columns.map((c) => html`<col style="width:${((c.width / total) * 100).toFixed(1)}%">`)}</colgroup>
    <thead><tr>${columns.map((c) => html`<th class="${c.num === true ? 'num' : ''}">${c.header}</th>`)}</tr></thead>
    <tbody>${group.rows.map((m) => html`<tr>${columns.map((c) => c.cell(m))}</tr>`)}</tbody></table>`}
    ${group.rows.length < group.count ? html`<div class="more">${fill(T.more, { n: int(group.count - group.rows.length) })}</div>` : ''}
  </div>`;
}

function urgentSections(r: ReviewReportModel): SafeHtml {
  const section = (title: string, intro: string, cls: Severity, groups: readonly RuleGroup[]) =>
    html`<h2 class="section ${cls}">${title}</h2><p class="intro">${intro}</p>
      ${groups.length === 0 ? html`<div class="none">${T.none}</div>` : groups.map((g) => ruleGroup(g))}`;
  return html`${section(T.critical, T.criticalIntro, 'critical', r.critical)}${section(T.high, T.highIntro, 'high', r.high)}`;
}

/**
 * The registry changed and the customer is past the 5 working days to tell the bank: longest
 * overdue first, each with when it changed, the deadline, how late, and what to do.
 */
const LATE_COLUMNS: GroupColumn[] = [
  COLUMN.accountWithCode,
  { ...COLUMN.name, width: 17 },
  { header: C.field, width: 11, cell: (m) => html`<td class="wrap">${FIELD_LABELS[m.field]}</td>` },
  { header: C.changedOn, width: 11, cell: (m) => html`<td class="id">${m.changedOn ?? '—'}</td>` },
  { header: C.reportDueOn, width: 11, cell: (m) => html`<td class="id">${m.reportDueOn ?? '—'}</td>` },
  // Wide enough for a count of thousands (a change from 2003) and its unit on one line.
  { header: C.overdue, width: 15, num: true, cell: (m) => html`<td class="num">${fill(T.workingDays, { n: int(m.overdueWorkingDays ?? 0) })}</td>` },
  { header: T.action, width: 26, cell: (m) => html`<td class="wrap">${m.action}</td>` },
];

function lateChangesSection(r: ReviewReportModel): SafeHtml {
  const total = LATE_COLUMNS.reduce((sum, c) => sum + c.width, 0);
  return html`<h2 class="section high">${T.lateTitle}</h2><p class="intro">${T.lateIntro}</p>
    ${r.lateChangeCount === 0
      ? html`<div class="none">${T.none}</div>`
      : html`<table class="fixed"><colgroup>${LATE_COLUMNS.map((c) => html`<col style="width:${((c.width / total) * 100).toFixed(1)}%">`)}</colgroup>
    <thead><tr>${LATE_COLUMNS.map((c) => html`<th class="${c.num === true ? 'num' : ''}">${c.header}</th>`)}</tr></thead>
    <tbody>${r.lateChanges.map((m) => html`<tr>${LATE_COLUMNS.map((c) => c.cell(m))}</tr>`)}</tbody></table>
    ${r.lateChangeCount > r.lateChanges.length ? html`<div class="more">${fill(T.lateMore, { n: int(r.lateChangeCount - r.lateChanges.length) })}</div>` : ''}`}`;
}

function mediumLowSection(r: ReviewReportModel): SafeHtml {
  const groups = r.mediumLow;
  return html`<h2 class="section">${T.mediumLow}</h2><p class="intro">${T.mediumLowIntro}</p>
    ${groups.length === 0
      ? html`<div class="none">${T.none}</div>`
      : html`<table><thead><tr><th>${C.severity}</th><th>${C.rule}</th><th class="num">${C.count}</th><th class="num">${C.newCount}</th><th>${T.action}</th></tr></thead>
    <tbody>${groups.map(
      (g) => html`<tr><td><span class="pill" style="${severityVars(g.severity)}">${SEVERITY_LABELS[g.severity]}</span></td><td>${RULE_LABELS[g.rule]}</td>${num(g.count)}${num(g.newCount)}<td>${g.action}</td></tr>`,
    )}</tbody></table>`}`;
}

/** Sections 一 to 四 always stand; the ones after them only when they have rows, numbered in turn. */
function optionalSections(r: ReviewReportModel): SafeHtml[] {
  const numerals = ['五', '六', '七'];
  const shown = [(no: string) => unverifiableSection(r, no), (no: string) => inputErrorsSection(r, no), (no: string) => casesSection(r.cases, no)]
    .reduce<SafeHtml[]>((out, section) => {
      const rendered = section(numerals[out.length]!);
      return rendered === '' ? out : [...out, rendered as SafeHtml];
    }, []);
  return shown;
}

function unverifiableSection(r: ReviewReportModel, no: string): SafeHtml | string {
  const total = r.totals.byVerdict.unverifiable;
  if (total === 0) return '';
  const rows = r.unverifiable.slice(0, UNVERIFIABLE_ROWS);
  return html`<h2 class="section">${no}、${T.unverifiableTitle}</h2><p class="intro">${T.unverifiableIntro}</p>
    <table><thead><tr><th>${C.accountNo}</th><th>${C.name}</th><th>${C.uscc}</th><th>${C.branch}</th><th>${C.reason}</th></tr></thead>
    <tbody>${rows.map((u) => html`<tr><td class="id">${u.accountNo}</td><td class="wrap">${u.name}</td><td class="id">${u.uscc}</td><td>${u.branch ?? T.noBranch}</td><td class="wrap">${u.error}</td></tr>`)}</tbody></table>
    ${total > rows.length ? html`<div class="more">${fill(T.unverifiableMore, { n: int(total - rows.length) })}</div>` : ''}`;
}

function inputErrorsSection(r: ReviewReportModel, no: string): SafeHtml | string {
  if (r.inputErrors.length === 0) return '';
  const rows = r.inputErrors.slice(0, INPUT_ERROR_ROWS);
  return html`<h2 class="section">${no}、${T.inputErrorsTitle}</h2><p class="intro">${T.inputErrorsIntro}</p>
    <table><thead><tr><th class="num">${C.row}</th><th>${C.accountNo}</th><th>${C.error}</th></tr></thead>
    <tbody>${rows.map((e) => html`<tr><td class="num">${e.row}</td><td class="id">${e.accountNo ?? '—'}</td><td class="wrap">${e.error}</td></tr>`)}</tbody></table>
    ${r.inputErrors.length > rows.length ? html`<div class="more">${fill(T.inputErrorsMore, { n: int(r.inputErrors.length - rows.length) })}</div>` : ''}`;
}

const pill = (severity: Severity): SafeHtml => html`<span class="pill" style="${severityVars(severity)}">${SEVERITY_LABELS[severity]}</span>`;

function moreLine(total: number, shown: number, sheet: string): SafeHtml | string {
  return total > shown ? html`<div class="more">${fill(T.casesMore, { n: int(total - shown), sheet })}</div>` : '';
}

/** What clerks decided since the last run, the flags they dismissed, the cases this run resolved. */
function casesSection(cases: CaseSections | undefined, no: string): SafeHtml | string {
  if (!cases) return '';
  const { decided, dismissed, resolved } = cases;
  const decidedRows = decided.rows.slice(0, CASE_SECTION_ROW_LIMIT);
  const dismissedRows = dismissed.slice(0, CASE_SECTION_ROW_LIMIT);
  const resolvedRows = resolved.slice(0, CASE_SECTION_ROW_LIMIT);
  return html`<h2 class="section">${no}、${T.casesTitle}</h2><p class="intro">${T.casesIntro}</p>
    <p>${fill(T.decidedLine, { confirmed: int(decided.confirmed), dismissed: int(decided.dismissed), resolved: int(resolved.length), ignored: int(dismissed.length) })}</p>
    ${decidedRows.length === 0 ? '' : html`<h3>${T.decidedTitle}</h3><table><thead><tr><th>${C.decidedAt}</th><th>${C.kind}</th><th class="num">${C.caseId}</th><th>${C.accountNo}</th><th>${C.field}</th><th>${C.severity}</th><th>${C.decidedBy}</th><th>${C.detail}</th></tr></thead>
    <tbody>${decidedRows.map((d) => html`<tr><td class="id">${d.decidedAt}</td><td>${T.kinds[d.kind]}</td><td class="num">${d.caseId}</td><td class="id">${d.accountNo}</td><td>${FIELD_LABELS[d.field]}</td><td>${pill(d.severity)}</td><td>${d.approvedBy ? `${d.decidedBy} / ${d.approvedBy}` : d.decidedBy}</td><td class="wrap">${d.detail}</td></tr>`)}</tbody></table>
    ${decided.rows.length > decidedRows.length ? html`<div class="more">${fill(T.decidedMore, { n: int(decided.rows.length - decidedRows.length) })}</div>` : ''}`}
    <h3>${T.dismissedTitle}</h3>${dismissedRows.length === 0 ? html`<div class="none">${T.none}</div>` : html`<table><thead><tr><th>${C.severity}</th><th class="num">${C.caseId}</th><th>${C.accountNo}</th><th>${C.name}</th><th>${C.field}</th><th>${C.bankValue}</th><th>${C.registryValue}</th></tr></thead>
    <tbody>${dismissedRows.map((m) => html`<tr><td>${pill(m.severity)}</td><td class="num">${m.caseId ?? '—'}</td><td class="id">${m.accountNo}</td><td class="wrap">${m.name}</td><td>${FIELD_LABELS[m.field]}</td><td class="wrap">${m.bankValue ?? '—'}</td><td class="wrap">${m.registryValue ?? '—'}</td></tr>`)}</tbody></table>`}
    ${moreLine(dismissed.length, dismissedRows.length, SHEETS.dismissed)}
    <h3>${T.resolvedTitle}</h3>${resolvedRows.length === 0 ? html`<div class="none">${T.none}</div>` : html`<table><thead><tr><th>${C.severity}</th><th class="num">${C.caseId}</th><th>${C.accountNo}</th><th>${C.name}</th><th>${C.field}</th><th>${C.stateBefore}</th><th>${C.bankValue}</th><th>${C.registryValue}</th></tr></thead>
    <tbody>${resolvedRows.map((r) => html`<tr><td>${pill(r.severity)}</td><td class="num">${r.caseId}</td><td class="id">${r.accountNo}</td><td class="wrap">${r.name}</td><td>${FIELD_LABELS[r.field]}</td><td>${(CASE_STATE_LABELS as Record<string, string>)[r.stateBefore] ?? r.stateBefore}</td><td class="wrap">${r.bankValue || '—'}</td><td class="wrap">${r.registryValue || '—'}</td></tr>`)}</tbody></table>`}
    ${moreLine(resolved.length, resolvedRows.length, SHEETS.resolved)}`;
}

/**
 * Page 1: totals (accounts by verdict, flags by severity, by field, worst branches); then the
 * critical and high items grouped by rule, each group with its action; the changes customers are
 * late to report, longest overdue first; then medium/low as counts, unverifiable accounts and
 * input errors.
 */
export function reviewReportHtml(r: ReviewReportModel): string {
  return html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${T.title} ${r.reviewDate}</title>
<style>${trusted(rootVariables() + CSS)}</style></head><body>
${masthead(r)}${banner(r)}
<h2 class="section">${T.overview}</h2>${cards(r)}${severityStrip(r)}
<div class="two-col">${byFieldTable(r)}${byBranchTable(r)}</div>
${urgentSections(r)}${lateChangesSection(r)}${mediumLowSection(r)}${optionalSections(r)}
<p class="footnote">${fill(T.attachments, { xlsx: r.xlsxName })}</p>
</body></html>`.html;
}

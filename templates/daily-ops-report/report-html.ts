import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fill } from '../render/format/fill';
import { html, trusted, type SafeHtml } from '../render/html/escape';
import type { ChartSvgs } from './charts';
import { NUMERIC_KINDS, type ColumnDef } from './exception-columns';
import { branchName, text, TEMPLATE_DIR, type ReportConfig } from './report-config';
import type { FigureView, ListView, ReportView } from './report-view';
import { cellText, figureText } from './value-text';

const CSS = readFileSync(path.join(TEMPLATE_DIR, 'report.css'), 'utf8');

function themeVariables(config: ReportConfig): string {
  const t = config.theme;
  return `:root{--brand:${t.brand};--ink:${t.ink};--muted:${t.muted};--rule:${t.rule};--header:${t.headerFill};--header-ink:${t.headerInk};--band:${t.bandFill};--alert:${t.status.alert};--normal:${t.status.normal};}`;
}

/** Inline style giving a status its colour pair (--c text, --f fill). */
function statusVars(config: ReportConfig, status: FigureView['status']): string {
  return `--c:${config.theme.status[status]};--f:${config.theme.statusFill[status]}`;
}

function masthead(view: ReportView): SafeHtml {
  const { config } = view;
  const t = (k: string): string => text(config, 'report', k);
  return html`<header class="masthead">
    <div><div class="org">${t('bank')}</div><h1>${t('title')}</h1></div>
    <div class="meta">${t('dataDate')} <strong>${view.date}</strong><br>
      ${t('generatedAt')} ${view.generatedAt}
      ${view.revision > 1 ? html`<br><span class="revision">${fill(t('revisionNote'), { n: view.revision })}</span>` : ''}
    </div>
  </header>`;
}

function banner(view: ReportView): SafeHtml | string {
  if (view.banner === null) return '';
  return html`<div class="banner">${view.banner}
    <ul>${view.missingSources.map((m) => html`<li>${m.label}: ${m.reason}</li>`)}</ul></div>`;
}

function attention(view: ReportView): SafeHtml {
  const { config } = view;
  const items = view.attention.map(
    (f) => html`<li><strong style="color:${config.theme.status[f.status]}">${f.statusLabel}</strong> ${f.label}: ${f.valueText}</li>`,
  );
  const lists = view.lists
    .filter((l) => !l.missing && l.rows.length > 0)
    .map((l) => html`<li>${l.title}: ${fill(text(config, 'report', 'listCount'), { n: l.rows.length })}</li>`);
  const missing = view.missingSources.map(
    (m) => html`<li><strong style="color:${config.theme.status.missing}">${text(config, 'report', 'missingBannerShort')}</strong> ${m.label}</li>`,
  );
  const all = [...missing, ...items, ...lists];
  return html`<section class="attention ${all.length === 0 ? 'clear' : ''}">
    <h3>${text(config, 'report', 'attention')}</h3>
    ${all.length === 0 ? html`<div>${text(config, 'report', 'nothingToAttend')}</div>` : html`<ul>${all}</ul>`}
  </section>`;
}

function card(view: ReportView, f: FigureView): SafeHtml {
  const { config } = view;
  const c = (k: string): string => text(config, 'columns', k);
  return html`<div class="card" style="${statusVars(config, f.status)}">
    <div class="label">${f.label}${f.status === 'none' || f.status === 'missing' ? '' : html`<span class="pill">${f.statusLabel}</span>`}</div>
    <div class="value ${f.missing ? 'missing' : ''}">${f.valueText}</div>
    <div class="cmp">${c('previous')} ${f.previousText} · ${c('mean5')} ${f.mean5Text}</div>
  </div>`;
}

function chartBlock(title: string, svg: string | null, missingText: string): SafeHtml {
  return html`<div class="chart"><h3>${title}</h3>${svg === null ? html`<div class="missing">${missingText}</div>` : trusted(svg)}</div>`;
}

function figureTable(view: ReportView, figures: FigureView[]): SafeHtml {
  const { config } = view;
  const c = (k: string): string => text(config, 'columns', k);
  return html`<table><thead><tr><th>${c('figure')}</th><th class="num">${c('value')}</th><th class="num">${c('previous')}</th><th class="num">${c('mean5')}</th><th>${c('status')}</th></tr></thead>
    <tbody>${figures.map(
      (f) => html`<tr><td>${f.label}</td><td class="num ${f.missing ? 'missing' : ''}">${f.valueText}</td><td class="num">${f.previousText}</td><td class="num">${f.mean5Text}</td>
        <td class="status" style="${statusVars(config, f.status)}">${f.status === 'none' ? '' : html`<span>${f.statusLabel}</span>`}</td></tr>`,
    )}</tbody></table>`;
}

function branchTable(view: ReportView): SafeHtml {
  const { config } = view;
  return html`<table class="branches"><thead><tr><th>${text(config, 'columns', 'branch')}</th>${view.branchFigures.map(
    (f) => html`<th class="num">${f.label}</th>`,
  )}</tr></thead><tbody>${view.branchIds.map(
    (b) => html`<tr><td class="nowrap">${branchName(config, b)}</td>${view.branchFigures.map(
      (f) => html`<td class="num">${figureText(config, f.format, f.byBranch[b] ?? null, f.missing)}</td>`,
    )}</tr>`,
  )}</tbody></table>`;
}

function sourceTable(view: ReportView): SafeHtml {
  const { config } = view;
  // Every source of the run (view.sources), not a fixed list: a failed added source shows here too.
  return html`<table><thead><tr><th>${text(config, 'columns', 'source')}</th><th>${text(config, 'columns', 'state')}</th><th>${text(config, 'columns', 'reason')}</th></tr></thead><tbody>${view.sources.map(({ label, missing }) => {
    const status = missing === null ? 'normal' : 'missing';
    return html`<tr><td>${label}</td><td class="status" style="${statusVars(config, status)}"><span>${text(config, 'report', missing === null ? 'sourceOk' : 'sourceMissing')}</span></td><td>${missing ?? ''}</td></tr>`;
  })}</tbody></table>`;
}

/**
 * One cell of an exception list. A list of ids breaks only between ids: each id is kept whole, so a
 * transaction number never wraps in the middle.
 */
function listCell(config: ReportConfig, c: ColumnDef, value: unknown): SafeHtml {
  if (c.kind === 'list' && Array.isArray(value) && value.length > 0) {
    return html`<td class="ids">${value.map((id, i) => html`<span class="nb">${String(id)}${i < value.length - 1 ? ',' : ''}</span> `)}</td>`;
  }
  // Ids, times and branch names stay on one line; other text may wrap.
  const cls = NUMERIC_KINDS.has(c.kind) ? 'num' : c.kind === 'id' ? 'id' : c.kind === 'datetime' || c.kind === 'branch' ? 'nowrap' : '';
  return html`<td class="${cls}">${cellText(config, c, value)}</td>`;
}

function exceptionList(view: ReportView, list: ListView): SafeHtml {
  const { config } = view;
  const columns = list.columns.filter((c) => c.pdf);
  const shown = list.rows.slice(0, config.layout.pdfRowsPerList);
  const count = list.missing
    ? html`<span class="count some">${text(config, 'report', 'missingValue')}</span>`
    : html`<span class="count ${list.rows.length > 0 ? 'some' : ''}">${fill(text(config, 'report', 'listCount'), { n: list.rows.length })}</span>`;
  let body: SafeHtml;
  if (list.missing) body = html`<div class="none missing">${text(config, 'report', 'missingValue')}</div>`;
  else if (list.rows.length === 0) body = html`<div class="none">${text(config, 'report', 'noRows')}</div>`;
  else {
    body = html`<table><thead><tr>${columns.map(
      (c) => html`<th class="${NUMERIC_KINDS.has(c.kind) ? 'num' : ''}">${text(config, 'fields', c.label)}</th>`,
    )}</tr></thead><tbody>${shown.map((row) => {
      const r = row as Record<string, unknown>;
      return html`<tr>${columns.map((c) => listCell(config, c, r[c.field]))}</tr>`;
    })}</tbody></table>
    ${list.rows.length > shown.length ? html`<div class="more">${fill(text(config, 'report', 'listTruncated'), { total: list.rows.length, shown: shown.length })}</div>` : ''}`;
  }
  return html`<section class="list"><h3><span>${list.title}</span>${count}</h3>${body}</section>`;
}

/**
 * The PDF's HTML: page 1 summary (banner, what needs attention, headline cards), page 2 charts,
 * page 3 every figure by area, page 4 branches and sources, then the exception lists. Every
 * scraped value goes through the escaping `html` template; only our own SVG is trusted.
 */
export function dailyReportHtml(view: ReportView, charts: ChartSvgs): string {
  const { config } = view;
  const r = (k: string): string => text(config, 'report', k);
  const c = (k: string): string => text(config, 'charts', k);
  const half = Math.ceil(view.sections.length / 2);
  const column = (sections: ReportView['sections']): SafeHtml =>
    html`<div>${sections.map((s) => html`<h3>${s.title}</h3>${figureTable(view, s.figures)}`)}</div>`;
  const doc = html`<!doctype html><html lang="${config.locale}"><head><meta charset="utf-8">
<title>${r('title')} ${view.date}</title><style>${trusted(themeVariables(config) + CSS)}</style></head><body>
<section class="page">${masthead(view)}${banner(view)}${attention(view)}
  <h2 class="section">${r('headline')}</h2><div class="cards">${view.headline.map((f) => card(view, f))}</div></section>
<section class="page">${masthead(view)}<h2 class="section">${r('charts')}</h2>
  ${chartBlock(c('transactionsByHour'), charts.transactionsByHour, r('missingValue'))}
  ${chartBlock(c('waitByHour'), charts.waitByHour, r('missingValue'))}
  ${chartBlock(c('branchComparison'), charts.branchComparison, r('missingValue'))}</section>
<section class="page">${masthead(view)}<h2 class="section">${r('summary')}</h2>
  <div class="two-col">${column(view.sections.slice(0, half))}${column(view.sections.slice(half))}</div></section>
<section class="page">${masthead(view)}<h2 class="section">${r('branchComparison')}</h2>${branchTable(view)}
  <h2 class="section">${r('sourceStatus')}</h2>${sourceTable(view)}
  ${view.notes.length === 0 ? '' : html`<h2 class="section">${r('dataIssues')}</h2><ul class="note">${view.notes.map((n) => html`<li>${n}</li>`)}</ul>`}</section>
<section class="page"><h2 class="section">${r('exceptions')}</h2><p class="note">${r('exceptionsIntro')}</p>
  ${view.lists.map((l) => exceptionList(view, l))}</section>
</body></html>`;
  return doc.html;
}

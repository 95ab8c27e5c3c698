import { html, type SafeHtml } from '../render/html/escape';

export interface RunRowView {
  runId: string;
  job: string;
  dataDate: string;
  revision: number;
  /** ok / partial / failed: picks the colour. */
  status: string;
  statusLabel: string;
  finishedAt: string;
  /** The run's outputs (report.xlsx, report.pdf, mismatches.json, …) with their links. */
  files: { name: string; href: string }[];
  /** Set when a later revision finished worse and this one stays the date's run. */
  note?: string;
}

export interface RunsView {
  jobs: string[];
  filter: { job: string; date: string };
  rows: RunRowView[];
  /** Shown when the list was cut (the newest first are shown). */
  cutAt?: number;
}

/** 运行: the finished runs, newest data date first, with their reports. */
export function runsBody(view: RunsView): SafeHtml {
  const jobOptions = view.jobs.map((j) => html`<option value="${j}"${j === view.filter.job ? html` selected` : ''}>${j}</option>`);
  const rows = view.rows.map((r) => html`<tr><td>${r.job}</td><td>${r.dataDate}</td><td>r${r.revision}</td>
<td class="status-${r.status}">${r.statusLabel}${r.note ? html`<br><small>${r.note}</small>` : ''}</td><td>${r.finishedAt}</td>
<td>${r.files.map((f, i) => html`${i ? ' · ' : ''}<a href="${f.href}">${f.name}</a>`)}</td></tr>`);
  return html`<form class="filters" method="get" action="/runs">
<label>作业 <select name="job"><option value="">全部</option>${jobOptions}</select></label>
<label>数据日期 <input name="date" type="date" value="${view.filter.date}"></label>
<button type="submit">筛选</button></form>
${view.rows.length === 0 ? html`<p>没有符合条件的运行。</p>` : html`<table><thead><tr><th>作业</th><th>数据日期</th><th>版本</th><th>状态</th><th>完成时间</th><th>报告与文件</th></tr></thead>
<tbody>${rows}</tbody></table>`}
${view.cutAt ? html`<p>仅显示最新的 ${view.cutAt} 次运行；请按作业或日期筛选。</p>` : ''}`;
}

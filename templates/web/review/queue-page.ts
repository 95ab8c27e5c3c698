import { html, type SafeHtml } from '../../render/html/escape';
import { noticeHtml, optionsHtml, pagerHtml, reviewStyles } from './parts';
import type { QueueView } from './view-models';

/**
 * 我的待办: the filter form (a GET, so a filtered queue is a link), then one row per case with
 * bank and registry values, escalated ones marked.
 */
export function queueBody(view: QueueView): SafeHtml {
  const f = view.filters;
  const branch =
    typeof f.branch === 'string'
      ? html`<input name="branch" value="${f.branch}" size="8" placeholder="全部">`
      : html`<select name="branch"><option value="">全部</option>${optionsHtml(f.branch)}</select>`;
  const rows = view.rows.map(
    (r) => html`<tr${r.escalated ? html` class="escalated"` : ''}>
<td><a href="${r.href}">${r.id}</a>${r.escalated ? html` <span class="escalated-mark">已升级</span>` : ''}</td>
<td><span class="${r.severityClass}">${r.severityLabel}</span></td>
<td>${r.accountNo}<br>${r.name}</td><td>${r.branch}</td><td>${r.fieldLabel}</td>
<td>${r.bankValue}</td><td>${r.registryValue}</td><td>${r.stateLabel}</td>
<td>${r.dueOn}${r.overdueText ? html`<br><span class="overdue">${r.overdueText}</span>` : ''}</td></tr>`,
  );
  return html`${reviewStyles()}${noticeHtml(view.notice)}
<form class="filters" method="get" action="/">
<label>网点 ${branch}</label>
<label>严重程度 <select name="severity"><option value="">全部</option>${optionsHtml(f.severity)}</select></label>
<label>字段 <select name="field"><option value="">全部</option>${optionsHtml(f.field)}</select></label>
<label>状态 <select name="state"><option value="">待处理及待复核</option>${optionsHtml(f.state)}</select></label>
<label>到期 <select name="due"><option value="">全部</option>${optionsHtml(f.due)}</select></label>
<button type="submit">筛选</button></form>
${view.rows.length === 0
    ? html`<p class="ok" role="status">没有符合条件的案件。</p>`
    : html`<table class="queue"><thead><tr><th>案件</th><th>严重程度</th><th>账号 / 存款人名称</th><th>开户网点</th><th>字段</th><th>行内值</th><th>登记值</th><th>状态</th><th>到期日</th></tr></thead>
<tbody>${rows}</tbody></table>`}
${pagerHtml(view.pager)}`;
}

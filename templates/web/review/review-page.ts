import { html, type SafeHtml } from '../../render/html/escape';
import { csrfField, noticeHtml, pagerHtml, reviewStyles } from './parts';
import type { ReviewView } from './view-models';

/** 待复核: each pending proposal with approve and reject (a rejection needs a comment). */
export function reviewBody(view: ReviewView): SafeHtml {
  const rows = view.rows.map(
    (r) => html`<tr${r.escalated ? html` class="escalated"` : ''}>
<td><a href="${r.href}">${r.caseId}</a>${r.escalated ? html` <span class="escalated-mark">已升级</span>` : ''}</td>
<td><span class="${r.severityClass}">${r.severityLabel}</span></td>
<td>${r.accountNo}<br>${r.name}</td><td>${r.branch}</td><td>${r.fieldLabel}</td>
<td><strong>${r.kindLabel}</strong>：${r.detail}<br>${r.comment}</td>
<td>${r.proposedBy}<br>${r.proposedAt}</td>
<td>${r.dueOn}${r.overdue ? html`<br><span class="overdue">已逾期</span>` : ''}</td>
<td><form class="decision" method="post" action="${r.href}/answer">${csrfField(view.csrfToken)}
<input type="hidden" name="version" value="${r.version}"><input type="hidden" name="verdict" value="approve"><input type="hidden" name="from" value="review">
<button type="submit">通过</button></form>
<form class="decision" method="post" action="${r.href}/answer">${csrfField(view.csrfToken)}
<input type="hidden" name="version" value="${r.version}"><input type="hidden" name="verdict" value="reject"><input type="hidden" name="from" value="review">
<label>退回意见 <textarea name="comment" required maxlength="2000"></textarea></label><button type="submit">退回</button></form></td></tr>`,
  );
  return html`${reviewStyles()}${noticeHtml(view.notice)}
${view.rows.length === 0
    ? html`<p class="ok" role="status">没有待复核的处理意见。</p>`
    : html`<table class="review"><thead><tr><th>案件</th><th>严重程度</th><th>账号 / 存款人名称</th><th>开户网点</th><th>字段</th><th>处理意见</th><th>经办</th><th>到期日</th><th>复核</th></tr></thead>
<tbody>${rows}</tbody></table>`}
${pagerHtml(view.pager)}`;
}

import { html, type SafeHtml } from '../../render/html/escape';
import { changeRequestSection } from './change-request-section';
import { csrfField, diffHtml, noticeHtml, optionsHtml, reviewStyles } from './parts';
import type { CaseView } from './view-models';

function actionsHtml(view: CaseView): SafeHtml | string {
  const a = view.actions;
  const hidden = html`${csrfField(view.csrfToken)}<input type="hidden" name="version" value="${view.version}">`;
  const forms: (SafeHtml | string)[] = [];
  if (a.propose) {
    const p = a.propose;
    forms.push(html`<form class="decision" method="post" action="/cases/${view.id}/propose">${hidden}<input type="hidden" name="kind" value="confirm">
<h3>确认（需整改）</h3>
<label>处理措施 <select name="action" required><option value="">请选择</option>${optionsHtml(p.remediationActions)}</select></label>
<label>说明 <textarea name="comment" required maxlength="2000">${view.comment ?? ''}</textarea></label>
<button type="submit">提交确认</button>${p.needsChecker ? html` <span>（该严重程度须经复核通过后生效）</span>` : ''}</form>`);
    forms.push(html`<form class="decision" method="post" action="/cases/${view.id}/propose">${hidden}<input type="hidden" name="kind" value="dismiss">
<h3>忽略</h3>
<label>原因 <select name="reasonCode" required><option value="">请选择</option>${p.reasonCodes.map((x) => html`<option>${x}</option>`)}</select></label>
<label>说明（至少 5 个字） <textarea name="comment" required minlength="5" maxlength="2000">${view.comment ?? ''}</textarea></label>
<button type="submit">提交忽略</button></form>`);
  }
  if (a.answer) {
    forms.push(html`<form class="decision" method="post" action="/cases/${view.id}/answer">${hidden}
<h3>复核：${a.answer.kindLabel}（经办 ${a.answer.proposedBy}）</h3><p>${a.answer.detail}<br>${a.answer.comment}</p>
<label>复核意见（退回时必填） <textarea name="comment" maxlength="2000">${view.comment ?? ''}</textarea></label>
<button type="submit" name="verdict" value="approve">通过</button> <button type="submit" name="verdict" value="reject">退回</button></form>`);
  }
  if (a.ownProposal) forms.push(html`<p class="muted">这是您本人提出的处理意见，须由其他复核人员复核。</p>`);
  if (a.escalate) {
    forms.push(html`<form class="decision" method="post" action="/cases/${view.id}/escalate">${hidden}
<h3>升级</h3><label>说明 <textarea name="comment" required maxlength="2000"></textarea></label><button type="submit">升级</button></form>`);
  }
  if (forms.length === 0) return '';
  return html`<section class="case actions"><h2>操作</h2>${forms}</section>`;
}

/**
 * 案件: the two values side by side with the difference marked, the evidence (screenshot, the
 * exact pages with sha256), 变更记录 and how late, the decisions, the runs, the account's other
 * cases, and the forms the role allows.
 */
export function caseBody(view: CaseView): SafeHtml {
  const decisions = view.decisions.map(
    (d) => html`<tr><td>${d.when}</td><td>${d.who}</td><td>${d.kindLabel}</td><td>${d.detail}</td><td>${d.comment}</td><td>${d.statusLabel}${d.review ? html`<br>${d.review}` : ''}</td></tr>`,
  );
  const history = view.history.map(
    (h) => html`<tr><td><a href="${h.href}">${h.id}</a></td><td>${h.fieldLabel}</td><td>${h.bankValue}</td><td>${h.registryValue}</td><td>${h.stateLabel}</td><td>${h.openedBy}</td><td>${h.decisions}</td></tr>`,
  );
  return html`${reviewStyles()}${noticeHtml(view.notice)}
<section class="case summary"><h2>案件 ${view.id}${view.escalated ? html` <span class="escalated-mark">已升级</span>` : ''}</h2>
<dl class="facts"><dt>账号</dt><dd>${view.accountNo}</dd><dt>存款人名称</dt><dd>${view.name}</dd><dt>统一社会信用代码</dt><dd>${view.uscc}</dd>
<dt>开户网点</dt><dd>${view.branch}</dd><dt>字段</dt><dd>${view.fieldLabel}</dd>
<dt>严重程度</dt><dd><span class="${view.severityClass}">${view.severityLabel}</span></dd><dt>状态</dt><dd>${view.stateLabel}</dd>
<dt>到期日</dt><dd>${view.dueOn}${view.overdueText ? html` <span class="overdue">${view.overdueText}</span>` : ''}</dd>
<dt>说明</dt><dd>${view.message}</dd></dl></section>
<section class="case compare"><h2>行内值与登记值</h2>
<table class="compare"><thead><tr><th>行内值</th><th>登记机关</th></tr></thead>
<tbody><tr><td class="bank">${diffHtml(view.bank)}</td><td class="registry">${diffHtml(view.registry)}</td></tr></tbody></table>
${view.similarityText ? html`<p>${view.similarityText}</p>` : ''}</section>
${view.change
    ? html`<section class="case change"><h2>变更记录</h2><dl class="facts"><dt>变更日期</dt><dd>${view.change.changedOn}</dd><dt>应办理截止</dt><dd>${view.change.reportDueOn}</dd><dt>逾期</dt><dd>${view.change.overdueText}</dd></dl></section>`
    : ''}
<section class="case evidence"><h2>证据</h2>
${view.screenshot ? html`<p><a href="${view.screenshot.href}"><img class="evidence" src="${view.screenshot.href}" alt="登记页面截图"></a></p>` : html`<p>本案件没有截图。</p>`}
${view.pages.length
    ? html`<table><thead><tr><th>页面</th><th>sha256</th><th>读取时间</th></tr></thead><tbody>${view.pages.map(
        (p) => html`<tr><td><a href="${p.href}">${p.url}</a></td><td class="sha">${p.sha256}</td><td>${p.fetchedAt}</td></tr>`,
      )}</tbody></table>`
    : html`<p>本案件没有保存的页面。</p>`}</section>
${actionsHtml(view)}
${view.writeBack ? changeRequestSection(view.writeBack) : ''}
<section class="case decisions"><h2>处理记录</h2>${view.decisions.length
    ? html`<table><thead><tr><th>时间</th><th>经办</th><th>操作</th><th>措施 / 原因</th><th>说明</th><th>结果</th></tr></thead><tbody>${decisions}</tbody></table>`
    : html`<p>尚无处理记录。</p>`}</section>
<section class="case runs"><h2>所在运行</h2><ul>${view.runs.map((r) => html`<li><a href="${r.href}">${r.runId}</a> ${r.statusLabel}（${r.when}）</li>`)}</ul></section>
<section class="case history"><h2>该账户的其他案件</h2>${view.history.length
    ? html`<table><thead><tr><th>案件</th><th>字段</th><th>行内值</th><th>登记值</th><th>状态</th><th>发现于</th><th>处理</th></tr></thead><tbody>${history}</tbody></table>`
    : html`<p>该账户没有其他案件。</p>`}</section>`;
}

import { html, type SafeHtml } from '../../render/html/escape';

/** 变更申请 on a case page: the latest change request and the one button the user may press now. */
export interface ChangeRequestView {
  caseId: number;
  csrfToken: string;
  /** The latest request of the case, if any. */
  request?: {
    id: number;
    version: number;
    stateLabel: string;
    newValue: string;
    preparedBy: string;
    approvedBy?: string;
    requestNo?: string;
    /** The portal's words when it refused. */
    error?: string;
    /** The checker who rejected it, and why. */
    rejectedBy?: string;
    reviewComment?: string;
    /** The filled form (dry-run), or the portal's answer when it refused. */
    screenshotHref?: string;
  };
  /** 准备变更申请: a clerk on a confirmed case of a writable field with no request in flight. */
  mayPrepare: boolean;
  /** 批准提交: a checker of the branch, not the preparer, on a prepared request of a case still confirmed. */
  mayApprove: boolean;
  /** 驳回 (with a comment): a checker of the branch, not the preparer, on a prepared request. */
  mayReject: boolean;
}

/** parts.ts' csrfField, repeated: importing parts would close a cycle through view-models.ts. */
const csrfField = (token: string): SafeHtml => html`<input type="hidden" name="_csrf" value="${token}">`;

export function changeRequestSection(view: ChangeRequestView): SafeHtml {
  const r = view.request;
  const facts = r
    ? html`<dl class="facts"><dt>申请</dt><dd>#${r.id}</dd><dt>状态</dt><dd class="change-state">${r.stateLabel}</dd><dt>写入值</dt><dd>${r.newValue}</dd>
<dt>准备人</dt><dd>${r.preparedBy}</dd>${r.approvedBy ? html`<dt>批准人</dt><dd>${r.approvedBy}</dd>` : ''}
${r.rejectedBy ? html`<dt>驳回人</dt><dd>${r.rejectedBy}</dd>` : ''}${r.reviewComment ? html`<dt>驳回意见</dt><dd class="change-review-comment">${r.reviewComment}</dd>` : ''}
${r.requestNo ? html`<dt>申请编号</dt><dd class="request-no">${r.requestNo}</dd>` : ''}${r.error ? html`<dt>核心系统提示</dt><dd class="change-error">${r.error}</dd>` : ''}</dl>
${r.screenshotHref ? html`<p><a href="${r.screenshotHref}"><img class="evidence" src="${r.screenshotHref}" alt="变更申请截图"></a></p>` : ''}`
    : html`<p>尚无变更申请。</p>`;
  const prepare = view.mayPrepare
    ? html`<form method="post" action="/cases/${view.caseId}/change/prepare">${csrfField(view.csrfToken)}<button id="change-prepare">准备变更申请</button></form>`
    : '';
  const approve = view.mayApprove && r
    ? html`<form method="post" action="/cases/${view.caseId}/change/approve">${csrfField(view.csrfToken)}<input type="hidden" name="requestId" value="${r.id}"><input type="hidden" name="changeVersion" value="${r.version}"><button id="change-approve">批准提交</button></form>`
    : '';
  const reject = view.mayReject && r
    ? html`<form method="post" action="/cases/${view.caseId}/change/reject">${csrfField(view.csrfToken)}<input type="hidden" name="requestId" value="${r.id}"><input type="hidden" name="changeVersion" value="${r.version}">
<label>驳回意见 <textarea name="comment" required maxlength="2000"></textarea></label><button id="change-reject">驳回</button></form>`
    : '';
  return html`<section class="case write-back"><h2>变更申请（写回核心系统）</h2>${facts}${prepare}${approve}${reject}</section>`;
}

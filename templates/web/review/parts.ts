import { html, type SafeHtml } from '../../render/html/escape';
import type { DiffSegment, Notice, Option, Pager } from './view-models';

/** The review pages' stylesheet (a body <link> keeps the shared layout untouched). */
export const reviewStyles = (): SafeHtml => html`<link rel="stylesheet" href="/assets/review.css">`;

export function noticeHtml(notice: Notice | undefined): SafeHtml | string {
  if (!notice) return '';
  return html`<p class="${notice.kind === 'error' ? 'err' : 'ok'}" role="${notice.kind === 'error' ? 'alert' : 'status'}">${notice.text}</p>`;
}

export function optionsHtml(options: readonly Option[]): SafeHtml[] {
  return options.map((o) => html`<option value="${o.value}"${o.selected ? html` selected` : ''}>${o.label}</option>`);
}

/** Text with the differing runs in <mark class="diff">; an empty side says so. */
export function diffHtml(segments: readonly DiffSegment[]): SafeHtml | string {
  if (segments.length === 0) return html`<span class="muted">（空）</span>`;
  return html`${segments.map((s) => (s.changed ? html`<mark class="diff">${s.text}</mark>` : html`${s.text}`))}`;
}

export function pagerHtml(pager: Pager): SafeHtml {
  return html`<nav class="pager" aria-label="分页">
${pager.prevHref ? html`<a href="${pager.prevHref}" rel="prev">上一页</a>` : ''}
<span>第 ${pager.page} / ${pager.pages} 页，共 ${pager.total} 件</span>
${pager.nextHref ? html`<a href="${pager.nextHref}" rel="next">下一页</a>` : ''}</nav>`;
}

export const csrfField = (token: string): SafeHtml => html`<input type="hidden" name="_csrf" value="${token}">`;

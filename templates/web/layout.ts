import { html, type SafeHtml } from '../render/html/escape';

export interface NavLink {
  label: string;
  href: string;
  current: boolean;
}

/** One page of the workbench, everything decided: the template only lays it out and escapes. */
export interface LayoutView {
  title: string;
  /** Absent on the login page. */
  user?: { name: string; roleLabel: string };
  nav: NavLink[];
  /** The page's own markup, made by a template (escaped there). */
  body: SafeHtml;
  /** For the 退出 form (a POST, never a GET that another site could trigger). */
  csrfToken: string;
}

/**
 * The workbench's layout: the nav bar by role, the user and 退出, then the page. No script at all
 * and no inline style (the CSP allows neither).
 */
export function layoutHtml(view: LayoutView): string {
  const nav = view.nav.map((l) => html`<a href="${l.href}"${l.current ? html` class="current" aria-current="page"` : ''}>${l.label}</a>`);
  const header = view.user
    ? html`<header><span class="brand">opsbot 复核工作台</span><nav>${nav}</nav>
<span class="who">${view.user.name}（${view.user.roleLabel}）</span>
<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${view.csrfToken}"><button type="submit">退出</button></form></header>`
    : html`<header><span class="brand">opsbot 复核工作台</span></header>`;
  return html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${view.title} · opsbot</title><link rel="stylesheet" href="/assets/web.css"></head>
<body>${header}<main><h1>${view.title}</h1>${view.body}</main></body></html>`.html;
}

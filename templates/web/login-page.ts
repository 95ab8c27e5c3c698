import { html, type SafeHtml } from '../render/html/escape';

export interface LoginView {
  csrfToken: string;
  /** Why the last try failed (wrong password, too many tries, page expired). */
  message?: string;
  /** The name typed last time, kept so only the password is typed again. */
  username?: string;
}

/** The login form; the token is the session's, posted back in `_csrf`. */
export function loginBody(view: LoginView): SafeHtml {
  return html`<div class="login">${view.message ? html`<p class="err" role="alert">${view.message}</p>` : ''}
<form method="post" action="/login"><input type="hidden" name="_csrf" value="${view.csrfToken}">
<label>用户名 <input name="username" autocomplete="username" value="${view.username ?? ''}" required></label>
<label>密码 <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">登录</button></form></div>`;
}

/** Reached by a link (Bull Board's 退出登录): logging out is a POST with the token, never a plain GET. */
export function logoutBody(view: { csrfToken: string; back: string }): SafeHtml {
  return html`<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${view.csrfToken}"><button type="submit">退出登录</button></form>
<p><a href="${view.back}">返回</a></p>`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// No scripts and nothing from elsewhere: the pages pass the dashboard's Content-Security-Policy.
const STYLE = 'body{font-family:sans-serif;max-width:22rem;margin:4rem auto}label{display:block;margin:.6rem 0}input{width:100%;padding:.4rem}p.err{color:#b00}';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>opsbot 队列看板 · ${esc(title)}</title>
<style>${STYLE}</style></head><body><h1>opsbot 队列看板</h1>${body}</body></html>`;
}

/** The login form; `csrfToken` is the session's, posted back in `_csrf`. */
export function loginPage(csrfToken: string, message?: string): string {
  return page('登录', `${message ? `<p class="err" role="alert">${esc(message)}</p>` : ''}
<form method="post" action="/login"><input type="hidden" name="_csrf" value="${esc(csrfToken)}">
<label>用户名 <input name="username" autocomplete="username" required></label>
<label>密码 <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">登录</button></form>`);
}

/** Reached from the board's 退出登录 link: logging out is a POST with the token, never a plain GET. */
export function logoutPage(csrfToken: string, user: string, back: string): string {
  return page('退出登录', `<p>当前用户：${esc(user)}</p>
<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${esc(csrfToken)}">
<button type="submit">退出登录</button></form><p><a href="${esc(back)}">返回看板</a></p>`);
}

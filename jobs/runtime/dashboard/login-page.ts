function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The login form (no scripts, no external assets). */
export function loginPage(message?: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>opsbot 队列看板 · 登录</title>
<style>body{font-family:sans-serif;max-width:22rem;margin:4rem auto}label{display:block;margin:.6rem 0}input{width:100%;padding:.4rem}p.err{color:#b00}</style></head>
<body><h1>opsbot 队列看板</h1>${message ? `<p class="err" role="alert">${esc(message)}</p>` : ''}
<form method="post" action="/login"><label>用户名 <input name="username" autocomplete="username" required></label>
<label>密码 <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">登录</button></form></body></html>`;
}

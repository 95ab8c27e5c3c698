import { html, type SafeHtml } from '../render/html/escape';

export interface UserRowView {
  name: string;
  roleLabel: string;
  /** 全部网点 when the list is empty. */
  branches: string;
  disabled: boolean;
  createdAt: string;
  /** False for the admin's own row: nobody disables themselves out of the workbench. */
  canDisable: boolean;
}

export interface UsersView {
  csrfToken: string;
  rows: UserRowView[];
  roles: { value: string; label: string }[];
  /** Just added: its one-time password, shown on this page only. */
  added?: { name: string; password: string };
  notice?: string;
  error?: string;
  /** What the admin typed, kept after an error. */
  form?: { name: string; role: string; branches: string };
}

/** 用户 (admins): the users, a form to add one, a button to disable one. */
export function usersBody(view: UsersView): SafeHtml {
  const added = view.added
    ? html`<div role="status"><p class="ok">已添加用户 ${view.added.name}。一次性密码（只显示这一次，请当面或经安全渠道交给本人）：</p>
<p><code class="secret" id="one-time-password">${view.added.password}</code></p></div>`
    : '';
  const rows = view.rows.map((u) => html`<tr><td>${u.name}</td><td>${u.roleLabel}</td><td>${u.branches}</td><td>${u.disabled ? '已停用' : '启用'}</td><td>${u.createdAt}</td>
<td>${!u.disabled && u.canDisable ? html`<form class="inline" method="post" action="/users/${encodeURIComponent(u.name)}/disable"><input type="hidden" name="_csrf" value="${view.csrfToken}"><button type="submit">停用</button></form>` : ''}</td></tr>`);
  const form = view.form ?? { name: '', role: 'clerk', branches: '' };
  const roleOptions = view.roles.map((r) => html`<option value="${r.value}"${r.value === form.role ? html` selected` : ''}>${r.label}</option>`);
  return html`${added}${view.notice ? html`<p class="ok" role="status">${view.notice}</p>` : ''}${view.error ? html`<p class="err" role="alert">${view.error}</p>` : ''}
<table><thead><tr><th>用户名</th><th>角色</th><th>网点</th><th>状态</th><th>创建时间</th><th></th></tr></thead><tbody>${rows}</tbody></table>
<h2>添加用户</h2>
<form method="post" action="/users"><input type="hidden" name="_csrf" value="${view.csrfToken}">
<label>用户名 <input name="name" value="${form.name}" required maxlength="64"></label>
<label>角色 <select name="role">${roleOptions}</select></label>
<label>网点（多个用逗号分隔；留空 = 全部网点） <input name="branches" value="${form.branches}"></label>
<button type="submit">添加并生成一次性密码</button></form>`;
}

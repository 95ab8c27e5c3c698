import { html, type SafeHtml } from '../render/html/escape';

/** A page body that only says something: an error (403, 404, an expired form) or a notice. */
export function messageBody(view: { kind: 'error' | 'info'; text: string; back?: { href: string; label: string } }): SafeHtml {
  return html`<p class="${view.kind === 'error' ? 'err' : 'ok'}" role="${view.kind === 'error' ? 'alert' : 'status'}">${view.text}</p>${
    view.back ? html`<p><a href="${view.back.href}">${view.back.label}</a></p>` : ''}`;
}

import type { Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';

/**
 * CSRF protection with csrf-sync (the synchroniser token pattern): the token lives in the
 * server-side session, so it dies with the session at logout, and every POST / PUT / PATCH /
 * DELETE must carry it — a form in its `_csrf` field, Bull Board's API calls in a header.
 *
 * Bull Board's page calls its API with axios, which copies an `XSRF-TOKEN` cookie into an
 * `X-XSRF-TOKEN` header on same-origin requests by itself: that cookie is how the board's own
 * buttons (retry, remove, add) pass the check without any change to Bull Board.
 */
export const XSRF_COOKIE = 'XSRF-TOKEN';

function tokenOf(req: Request): string | undefined {
  const field = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof field === 'string') return field;
  const header = req.headers['x-xsrf-token'] ?? req.headers['x-csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

const csrf = csrfSync({ getTokenFromRequest: tokenOf, size: 32 });

/** Refuses (403, code EBADCSRFTOKEN) a changing request without the session's token. */
export const csrfProtection = csrf.csrfSynchronisedProtection;

export function isCsrfError(err: unknown): boolean {
  return (err as { code?: string } | undefined)?.code === 'EBADCSRFTOKEN';
}

const SECURE_SETTING = 'opsbot secure cookies';

/** Cookies of this app are `Secure` (it is reached over HTTPS, a TLS proxy in front). */
export function setSecureCookies(app: { set(name: string, value: unknown): unknown }, secure: boolean): void {
  app.set(SECURE_SETTING, secure);
}

/**
 * The session's CSRF token (made on first use) for a form's hidden `_csrf` field; also handed to
 * Bull Board's scripts in the XSRF-TOKEN cookie.
 *
 * @example
 * html`<form method="post"><input type="hidden" name="_csrf" value="${csrfToken(req, res)}">…`
 */
export function csrfToken(req: Request, res: Response): string {
  const token = csrf.generateToken(req);
  // Readable by the page's own scripts (not HttpOnly), sent to this site only.
  res.cookie(XSRF_COOKIE, token, { sameSite: 'strict', secure: req.app.get(SECURE_SETTING) === true, path: '/' });
  return token;
}

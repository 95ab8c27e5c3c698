import type { Response } from 'express';

/**
 * Sends an answer only once the session is in the store. express-session saves a changed session
 * while the answer's headers are already on their way, so a client that acts on them at once
 * (a redirect after login followed immediately, a form posted with a token minted for this page)
 * could reach the store before the save and find no session or an older token.
 */
export function sendSaved(res: Response, send: () => void): void {
  const req = res.req;
  if (!req.session) return send();
  req.session.save((err) => (err ? req.next?.(err) : send()));
}

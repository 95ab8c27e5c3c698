import type { RequestHandler } from 'express';

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Refuses a request whose Host header is not this dashboard's (421): a web page elsewhere that
 * rebinds its own name to 127.0.0.1 (DNS rebinding) would otherwise talk to the dashboard as
 * same-origin. Allowed: the loopback names on the port the request came in on, and the host of
 * the public URL when the dashboard is behind a reverse proxy.
 */
export function hostCheck(publicUrl: URL | undefined): RequestHandler {
  const publicHost = publicUrl?.host.toLowerCase();
  return (req, res, next) => {
    const host = (req.headers.host ?? '').toLowerCase();
    const port = req.socket.localPort;
    if (host === publicHost || LOOPBACK.some((name) => host === `${name}:${port}`)) return next();
    res.status(421).type('text').send('misdirected request: this dashboard does not answer for that Host');
  };
}

import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers (helmet): a Content-Security-Policy without inline or foreign scripts and no
 * framing (`frame-ancestors 'none'`, with `X-Frame-Options: DENY` for older browsers), `nosniff`,
 * no referrer, and no `X-Powered-By`.
 *
 * Styles may be inline: Bull Board's page and React set style attributes. Nothing is loaded from
 * another site, so Bull Board's Google Fonts link is refused and the page uses a local font.
 */
export function securityHeaders(https: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    // HSTS only means something over HTTPS; on plain loopback HTTP it would only confuse.
    strictTransportSecurity: https,
  });
}

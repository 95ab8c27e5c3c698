import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type AugmentedRequest, type Store } from 'express-rate-limit';

export interface LoginLimitOptions {
  /** Failed logins allowed per window, per address and per user name (default 5). */
  limit?: number;
  /** The window (default 15 minutes). */
  windowMs?: number;
  /**
   * A new counter store (express-rate-limit's Store) for each limiter; default in memory. Several
   * dashboard instances share their counts by passing a shared store (Redis, PostgreSQL).
   */
  newStore?: () => Store;
}

/** The user name a login form names, as a counter key (trimmed, lower case, bounded). */
export function loginName(req: Request): string {
  const name = (req.body as Record<string, unknown> | undefined)?.username;
  return typeof name === 'string' ? name.trim().toLowerCase().slice(0, 64) : '';
}

/**
 * Limits failed logins with express-rate-limit: at most `limit` per window from one address and
 * `limit` for one user name from anywhere (a guess spread over many addresses still stops).
 * Only failures count (`skipSuccessfulRequests`: a login answered below 400 is taken back). Over
 * the limit every attempt, even with the right password, is answered by `refuse` with 429 and
 * `Retry-After`, until the window has passed.
 */
export function loginLimiters(opts: LoginLimitOptions, refuse: (req: Request, res: Response, retryAfterMs: number) => void): RequestHandler[] {
  const windowMs = opts.windowMs ?? 15 * 60_000;
  const common = {
    windowMs,
    limit: opts.limit ?? 5,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    handler: (req: Request, res: Response) => {
      const reset = (req as AugmentedRequest).rateLimit?.resetTime?.getTime();
      refuse(req, res, reset ? Math.max(0, reset - Date.now()) : windowMs);
    },
  };
  return [
    rateLimit({ ...common, keyGenerator: (req) => `address:${ipKeyGenerator(req.ip ?? '')}`, ...(opts.newStore ? { store: opts.newStore() } : {}) }),
    rateLimit({ ...common, keyGenerator: (req) => `user:${loginName(req)}`, ...(opts.newStore ? { store: opts.newStore() } : {}) }),
  ];
}

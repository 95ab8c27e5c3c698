import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { Request, RequestHandler } from 'express';
import session, { MemoryStore, type Store } from 'express-session';
import type { DashboardUser } from './users';

declare module 'express-session' {
  interface SessionData {
    user: DashboardUser;
    /** When the user logged in (ms): a session ends this long after, however active. */
    loggedInAt: number;
  }
}

export const SESSION_COOKIE = 'opsbot_dashboard';

export interface SessionOptions {
  /**
   * Where sessions live: any express-session store. The default keeps them in this process (a
   * restart logs everyone out); the review workbench passes a PostgreSQL store here instead.
   */
  store?: Store;
  /** Idle timeout: a session not used for this long is gone. */
  idleMs: number;
  /** `Secure` cookies: when the dashboard is reached over HTTPS (a TLS reverse proxy). */
  secureCookies: boolean;
}

/** A memory store that drops expired sessions every minute instead of keeping them until read. */
function memoryStore(): Store {
  const store = new MemoryStore();
  // all() removes the expired sessions it meets; unref: the timer never keeps the process alive.
  setInterval(() => store.all(() => undefined), 60_000).unref();
  return store;
}

/**
 * Server-side sessions (express-session): the cookie holds only a random id, so logging out (or
 * the idle timeout) removes the session and the old cookie is worth nothing. Cookies are HttpOnly,
 * SameSite=Strict and, behind TLS, Secure. Each response renews the idle timeout (`rolling`).
 */
export function sessions(opts: SessionOptions): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    // Signs the id cookie; a new key per start is enough while sessions live in this process.
    secret: randomBytes(32).toString('hex'),
    store: opts.store ?? memoryStore(),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'strict', secure: opts.secureCookies, maxAge: opts.idleMs, path: '/' },
  });
}

/** A new session id for the logged-in user (no fixation: an id known before login is dropped). */
export async function startSession(req: Request, user: DashboardUser): Promise<void> {
  await promisify(req.session.regenerate.bind(req.session))();
  req.session.user = user;
  req.session.loggedInAt = Date.now();
}

/** Removes the session from the store: its cookie no longer logs anyone in. */
export async function endSession(req: Request): Promise<void> {
  await promisify(req.session.destroy.bind(req.session))();
}

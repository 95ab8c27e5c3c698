import { promisify } from 'node:util';
import type { Request, RequestHandler } from 'express';
import session, { MemoryStore, type Store } from 'express-session';
import type { WebUser } from './web-user';

declare module 'express-session' {
  interface SessionData {
    user: WebUser;
    /** When the session ends however active (ms since the epoch): login time plus the maximum age. */
    endsAt: number;
  }
}

/** The session cookie's name: the same for `opsbot web` and `opsbot dashboard` (one login scheme). */
export const SESSION_COOKIE = 'opsbot_session';

export interface SessionOptions {
  /**
   * Where sessions live: any express-session store. The web and the dashboard pass the PostgreSQL
   * store (pg-session-store.ts), so any number of instances share them; the default keeps them in
   * this process (a restart logs everyone out).
   */
  store?: Store;
  /**
   * Signs the session id cookie. Instances sharing one store must share it too, or a cookie set
   * by one is refused by the other (session-secret.ts).
   */
  secret: string;
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
    secret: opts.secret,
    store: opts.store ?? memoryStore(),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'strict', secure: opts.secureCookies, maxAge: opts.idleMs, path: '/' },
  });
}

/** A new session id for the logged-in user (no fixation: an id known before login is dropped). */
export async function startSession(req: Request, user: WebUser, maxAgeMs: number): Promise<void> {
  await promisify(req.session.regenerate.bind(req.session))();
  req.session.user = user;
  req.session.endsAt = Date.now() + maxAgeMs;
}

/** Removes the session from the store: its cookie no longer logs anyone in. */
export async function endSession(req: Request): Promise<void> {
  await promisify(req.session.destroy.bind(req.session))();
}

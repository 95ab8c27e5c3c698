import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../db';

const PgStore = connectPgSimple(session);

/** The store, and how to stop its prune timer when the server closes. */
export interface SessionStore {
  store: session.Store;
  close(): Promise<void>;
}

/**
 * express-session's store in PostgreSQL's `sessions` table (connect-pg-simple, the maintained
 * store; the table has its columns, made by migration 0001), so any number of `opsbot web` /
 * `opsbot dashboard` instances on one database share logins, and a restart logs nobody out.
 *
 * The queries go through the app's own Kysely pool (acting as `opsbot_app`) instead of a second
 * pool: connect-pg-simple accepts any object with pg-promise's `any(query, params)`. Expired rows
 * are pruned every 15 minutes by whichever instance runs.
 */
export function pgSessionStore(db: Kysely<Database>): SessionStore {
  const store = new PgStore({
    tableName: 'sessions',
    createTableIfMissing: false,
    pgPromise: { any: async (query: string, params: unknown[]) => (await db.executeQuery(CompiledQuery.raw(query, params))).rows },
  });
  return { store, close: async () => store.close() };
}

import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import { runtimePaths, type Config } from '../config';
import { withoutPassword } from './display-url';
import { migrateToLatest } from './migrate';
import { pgTypes } from './pg-types';
import { attachPrivatePostgres, type PgConnection, type PrivatePostgres } from './private-postgres';
import { APP_ROLE } from './server-settings';
import type { Database } from './tables';

export interface OpenDatabase {
  /** Typed queries, acting as the app role (`opsbot_app`: the audit is insert-only for it). */
  db: Kysely<Database>;
  /** Where the database is, for messages: no password. */
  displayUrl: string;
  /** The migrations this open applied (empty when the schema was current). */
  migrated: string[];
  /** The private server this command uses, when DATABASE_URL is unset. */
  privateServer?: { pid: number; started: boolean };
  /** Closes the pool; the last command using a private server stops it. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

/**
 * The database a command needs: `config.databaseUrl` (DATABASE_URL) when set — nothing is
 * started — else the private server under `var/postgres` (private-postgres.ts), started or joined.
 * The schema is migrated to the newest version as the connecting (owner) role; the pool handed
 * back then acts as `opsbot_app` on every connection.
 *
 * @example
 * const { db, close } = await openDatabase(config, log);
 * const users = await db.selectFrom('users').select(['name', 'role']).execute();
 * await close();
 */
export async function openDatabase(config: Config, log: Logger, opts: OpenDatabaseOptions = {}): Promise<OpenDatabase> {
  let server: PrivatePostgres | undefined;
  let connection: PgConnection | { connectionString: string };
  let displayUrl: string;
  if (config.databaseUrl) {
    connection = { connectionString: config.databaseUrl };
    displayUrl = withoutPassword(config.databaseUrl);
  } else {
    server = await attachPrivatePostgres(runtimePaths(config).postgresDir, { onInfo: (m) => log.info(m) });
    connection = server.connection;
    displayUrl = server.displayUrl;
  }
  try {
    const migrated = await migrate(connection, log);
    if (migrated.length > 0) log.info({ migrations: migrated }, `database migrated: ${migrated.join(', ')}`);
    const db = appDatabase(connection, log, opts.poolSize ?? 10);
    const { rows } = await sql<{ user: string }>`SELECT current_user AS user`.execute(db);
    if (rows[0]?.user !== APP_ROLE) throw new Error(`the database pool acts as ${rows[0]?.user}, not ${APP_ROLE}`);
    const privateServer = server;
    return {
      db,
      displayUrl,
      migrated,
      privateServer: privateServer && { pid: privateServer.pid, started: privateServer.started },
      close: async () => {
        await db.destroy();
        await privateServer?.release();
      },
    };
  } catch (err) {
    await server?.release();
    throw err;
  }
}

/** Migrations run on a connection of their own, as the role that owns the schema. */
async function migrate(connection: PgConnection | { connectionString: string }, log: Logger): Promise<string[]> {
  const owner = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: pool(connection, log, 1) }) });
  try {
    return await migrateToLatest(owner);
  } finally {
    await owner.destroy();
  }
}

function appDatabase(connection: PgConnection | { connectionString: string }, log: Logger, size: number): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: pool(connection, log, size),
      // Before the connection's first query: from here on it has the app role's rights only.
      onCreateConnection: async (c) => {
        await c.executeQuery(CompiledQuery.raw(`SET ROLE ${APP_ROLE}`));
      },
    }),
  });
}

function pool(connection: PgConnection | { connectionString: string }, log: Logger, max: number): pg.Pool {
  const p = new pg.Pool({ ...connection, types: pgTypes, max, application_name: 'opsbot' });
  // An idle connection dropped by the server (restart, admin) must not crash the process; the next
  // query opens a new one.
  p.on('error', (err) => log.warn({ err: err.message }, 'database connection lost'));
  return p;
}

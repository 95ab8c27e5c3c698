import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { parseConfig } from '../../jobs/runtime/config';
import { openDatabase, type Database } from '../../jobs/runtime/db';
import { attachPrivatePostgres } from '../../jobs/runtime/db/private-postgres';
import { createLogger } from '../../jobs/runtime/logger';

export interface TestDatabase {
  /** DATABASE_URL of this test's own database: hand it to a config (`databaseUrl`) or a child's env. */
  databaseUrl: string;
  /** Typed queries as the app role (`opsbot_app`), the schema migrated: what the product uses. */
  db: Kysely<Database>;
  /** The same database as its owner (may disable the audit trigger, read anything): for test set-up only. */
  owner: Kysely<Database>;
  /** Closes both pools, drops the database and leaves the shared server (the last one out stops it). */
  close(): Promise<void>;
}

/**
 * Every test file of a vitest run shares one private PostgreSQL server (started by the first,
 * joined by the others through the server's leases, stopped by the last), and each call gets a
 * fresh database on it: initdb once per run instead of once per file, and no test sees another's
 * rows. Nothing is set process-wide.
 *
 * @example
 * const t = await startTestDatabase();
 * const runtime = await startTestRuntime({ databaseUrl: t.databaseUrl });
 * afterAll(() => t.close());
 */
export async function startTestDatabase(): Promise<TestDatabase> {
  const server = await attachPrivatePostgres(path.join(os.tmpdir(), `opsbot-test-postgres-${process.getuid?.() ?? 0}`));
  const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-test-db-'));
  try {
    const admin = new pg.Client(server.connection);
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const { host, user } = server.connection;
    const databaseUrl = `postgresql://${user}@/${name}?host=${host}`;
    // openDatabase migrates as the owner, then acts as the app role: the product's own path.
    const opened = await openDatabase({ ...parseConfig({ DATABASE_URL: databaseUrl }, varDir), varDir }, createLogger('warn'), { poolSize: 4 });
    const owner = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ ...server.connection, database: name, max: 2 }) }) });
    return {
      databaseUrl,
      db: opened.db,
      owner,
      close: async () => {
        await opened.close();
        await owner.destroy();
        const drop = new pg.Client(server.connection);
        await drop.connect();
        try {
          await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await drop.end();
        }
        await server.release();
        rmSync(varDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await server.release();
    rmSync(varDir, { recursive: true, force: true });
    throw err;
  }
}

/** Disables the audit's append-only trigger for one statement run as the owner: to forge a tampered row in a test. */
export async function asAuditTamperer(t: TestDatabase, statement: string): Promise<void> {
  await t.owner.transaction().execute(async (trx) => {
    await sql.raw('ALTER TABLE audit DISABLE TRIGGER audit_no_update_delete').execute(trx);
    await sql.raw(statement).execute(trx);
    await sql.raw('ALTER TABLE audit ENABLE TRIGGER audit_no_update_delete').execute(trx);
  });
}

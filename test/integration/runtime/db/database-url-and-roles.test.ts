import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../../../jobs/runtime/config';
import { migrateToLatest, openDatabase, pendingMigrations, type OpenDatabase } from '../../../../jobs/runtime/db';
import { attachPrivatePostgres, type PrivatePostgres } from '../../../../jobs/runtime/db/private-postgres';
import { createLogger } from '../../../../jobs/runtime/logger';
import { postmastersOn } from './support/postgres-processes';
import { MIGRATIONS } from '../../../../jobs/runtime/db/migrations';

/** Every migration the code ships, in order: a fresh database gets all of them. */
const ALL_MIGRATIONS = Object.keys(MIGRATIONS);

const log = createLogger('warn');
let serverDir: string;
let server: PrivatePostgres;
let databaseUrl: string;

/** A PostgreSQL server of the deployment's: here one started on its own folder, reached by its socket. */
beforeAll(async () => {
  serverDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-db-server-'));
  server = await attachPrivatePostgres(path.join(serverDir, 'postgres'));
  // libpq's form for a socket: no host in the authority, the socket folder as `host`.
  databaseUrl = `postgresql://${server.connection.user}@/${server.connection.database}?host=${server.connection.host}`;
});

const commandDirs: string[] = [];

afterAll(async () => {
  await server.release();
  const running = postmastersOn(path.join(serverDir, 'postgres', 'data'));
  for (const dir of [serverDir, ...commandDirs]) rmSync(dir, { recursive: true, force: true });
  expect(running).toEqual([]);
});

/** A command's config: its own var folder, DATABASE_URL pointing at the server above. */
function commandConfig(): Config {
  const varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-db-cmd-'));
  commandDirs.push(varDir);
  return { ...parseConfig({ DATABASE_URL: databaseUrl }, varDir), varDir };
}

/** A connection as the owner role (what the migrations use), not the app role. */
function ownerDb(): Kysely<unknown> {
  return new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ ...server.connection, max: 1 }) }) });
}

describe('DATABASE_URL', () => {
  it('is used as given: the command starts no server and makes no var/postgres', async () => {
    const config = commandConfig();
    expect(config.databaseUrl).toBe(databaseUrl);
    const before = postmastersOn(path.join(serverDir, 'postgres', 'data'));
    const opened = await openDatabase(config, log);
    try {
      expect(opened.privateServer).toBeUndefined();
      expect(opened.displayUrl).toBe(databaseUrl);
      expect(readdirSync(config.varDir)).not.toContain('postgres');
      expect(postmastersOn(path.join(serverDir, 'postgres', 'data'))).toEqual(before);
      expect(await opened.db.selectFrom('cases').select('id').execute()).toEqual([]);
    } finally {
      await opened.close();
    }
    // Closing a command's pool leaves the deployment's server running.
    expect(postmastersOn(path.join(serverDir, 'postgres', 'data'))).toEqual(before);
  });

  it('is refused unless it is a postgres:// URL, naming the variable and not echoing the value', () => {
    expect(() => parseConfig({ DATABASE_URL: 'mysql://u:s3cret@db/x' }, '/tmp')).toThrow(/^DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL$/);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://u:s3cret@db/x' }, '/tmp')).not.toThrow(/s3cret/);
  });
});

describe('migrations', () => {
  it('are idempotent: a second run applies nothing and leaves none pending', async () => {
    const owner = ownerDb();
    try {
      await openDatabase(commandConfig(), log).then((o) => o.close());
      expect(await migrateToLatest(owner)).toEqual([]);
      expect(await migrateToLatest(owner)).toEqual([]);
      expect(await pendingMigrations(owner)).toEqual([]);
      const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(owner);
      expect(rows.map((r) => r.name)).toEqual(ALL_MIGRATIONS);
    } finally {
      await owner.destroy();
    }
  });
});

describe('the role the app uses', () => {
  let opened: OpenDatabase;
  let auditId: number;

  beforeAll(async () => {
    opened = await openDatabase(commandConfig(), log);
    const row = await opened.db
      .insertInto('audit')
      .values({ actor: 'system', action: 'case.created', subject: 'case 1', after: { state: 'open' }, hash: 'a'.repeat(64) })
      .returning(['id', 'at'])
      .executeTakeFirstOrThrow();
    auditId = row.id;
    expect(typeof auditId).toBe('number');
    expect(row.at).toBeInstanceOf(Date);
  });
  afterAll(async () => {
    await opened.close();
  });

  it('is opsbot_app on every connection of the pool', async () => {
    const roles = await Promise.all(Array.from({ length: 4 }, () => opened.db.connection().execute((c) => sql<{ u: string }>`SELECT current_user AS u`.execute(c))));
    expect(roles.map((r) => r.rows[0]!.u)).toEqual(['opsbot_app', 'opsbot_app', 'opsbot_app', 'opsbot_app']);
  });

  it('cannot UPDATE or DELETE audit rows, nor TRUNCATE the audit', async () => {
    await expect(opened.db.updateTable('audit').set({ actor: 'mallory' } as never).where('id', '=', auditId).execute()).rejects.toThrow(/permission denied for table audit/);
    await expect(sql`UPDATE audit SET actor = 'mallory' WHERE id = ${auditId}`.execute(opened.db)).rejects.toThrow(/permission denied for table audit/);
    await expect(opened.db.deleteFrom('audit').where('id', '=', auditId).execute()).rejects.toThrow(/permission denied for table audit/);
    await expect(sql`TRUNCATE audit`.execute(opened.db)).rejects.toThrow(/permission denied for table audit/);
    const row = await opened.db.selectFrom('audit').select(['actor', 'after']).where('id', '=', auditId).executeTakeFirstOrThrow();
    expect(row).toEqual({ actor: 'system', after: { state: 'open' } });
  });

  it('the owner is refused too, by the trigger (a hand edit must disable it first)', async () => {
    const owner = ownerDb();
    try {
      await expect(sql`UPDATE audit SET actor = 'mallory' WHERE id = ${auditId}`.execute(owner)).rejects.toThrow(/the audit is append-only: UPDATE refused/);
      await expect(sql`DELETE FROM audit WHERE id = ${auditId}`.execute(owner)).rejects.toThrow(/the audit is append-only: DELETE refused/);
      await expect(sql`TRUNCATE audit`.execute(owner)).rejects.toThrow(/the audit is append-only: TRUNCATE refused/);
    } finally {
      await owner.destroy();
    }
  });

  it('may do its work on the other tables, and the database keeps four eyes and the reason codes', async () => {
    const { db } = opened;
    await db.insertInto('users').values([
      { name: 'clerk.a', role: 'clerk', password_hash: 'x' },
      { name: 'checker.b', role: 'checker', password_hash: 'x' },
    ]).execute();
    const c = await db
      .insertInto('cases')
      .values({ source_job: 'annual-review-check', account_no: '6222000011112222', field: 'address', branch: '兰州城关支行', severity: 'medium', fingerprint: 'f'.repeat(64), due_on: '2026-03-02', opened_by_run: 'annual-review-check/2026-02-02/r1' })
      .returning(['id', 'state', 'severity_rank', 'version', 'due_on'])
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ id: expect.any(Number), state: 'open', severity_rank: 2, version: 1, due_on: '2026-03-02' });
    // Optimistic concurrency: the second writer with the old version changes nothing.
    const first = await db.updateTable('cases').set({ state: 'proposed', version: c.version + 1 }).where('id', '=', c.id).where('version', '=', c.version).executeTakeFirst();
    const second = await db.updateTable('cases').set({ state: 'dismissed', version: c.version + 1 }).where('id', '=', c.id).where('version', '=', c.version).executeTakeFirst();
    expect([first.numUpdatedRows, second.numUpdatedRows]).toEqual([1n, 0n]);
    // A second live case for the same (job, account, field) is refused.
    await expect(db.insertInto('cases').values({ source_job: 'annual-review-check', account_no: '6222000011112222', field: 'address', branch: '兰州城关支行', severity: 'medium', fingerprint: 'e'.repeat(64), due_on: '2026-03-02', opened_by_run: 'r2' }).execute()).rejects.toThrow(/cases_live_idx/);
    const proposal = { case_id: c.id, kind: 'dismiss' as const, proposed_by: 'clerk.a', reason_code: '登记机关数据滞后' as const, comment: '登记机关尚未更新地址' };
    await expect(db.insertInto('decisions').values({ ...proposal, status: 'approved', reviewed_by: 'clerk.a', reviewed_at: new Date() }).execute()).rejects.toThrow(/decisions_four_eyes/);
    await expect(db.insertInto('decisions').values({ ...proposal, reason_code: '随便' as never, status: 'pending' }).execute()).rejects.toThrow(/decisions_reason_code_check/);
    await expect(db.insertInto('decisions').values({ ...proposal, comment: '太短', status: 'pending' }).execute()).rejects.toThrow(/decisions_dismiss_has_reason/);
    await db.insertInto('decisions').values({ ...proposal, status: 'approved', reviewed_by: 'checker.b', reviewed_at: new Date() }).execute();
    await db.insertInto('sessions').values({ sid: 's1', sess: { user: 'clerk.a' }, expire: new Date(Date.now() + 60_000) }).execute();
    await db.deleteFrom('sessions').where('sid', '=', 's1').execute();
    // Cases are history: the app closes them, it never deletes one.
    await expect(db.deleteFrom('cases').where('id', '=', c.id).execute()).rejects.toThrow(/permission denied for table cases/);
  });
});

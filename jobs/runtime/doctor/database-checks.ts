import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { runtimePaths, type Config } from '../config';
import { withoutPassword } from '../db/display-url';
import { pendingMigrations } from '../db/migrate';
import { attachPrivatePostgres, type PgConnection } from '../db/private-postgres';
import { fail, firstLine, pass, within, type CheckResult } from './check-result';

const TIMEOUT_MS = 10_000;

/**
 * PostgreSQL reachable, and its schema at the newest migration. Only reads: a doctor never
 * migrates (the first command to open the database does, as the owner role). DATABASE_URL when
 * set; else the private server under var/postgres, joined or started as any command would.
 */
export async function databaseChecks(config: Config): Promise<CheckResult[]> {
  let connection: PgConnection | { connectionString: string };
  let where: string;
  let release = async () => undefined as void;
  try {
    if (config.databaseUrl) {
      connection = { connectionString: config.databaseUrl };
      where = withoutPassword(config.databaseUrl);
    } else {
      const server = await within(60_000, 'the private PostgreSQL', attachPrivatePostgres(runtimePaths(config).postgresDir));
      connection = server.connection;
      where = `private PostgreSQL ${server.displayUrl} (DATABASE_URL unset)`;
      release = () => server.release();
    }
  } catch (err) {
    return unreachable('the private PostgreSQL under var/postgres', err);
  }
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ ...connection, max: 1, connectionTimeoutMillis: 5_000, application_name: 'opsbot doctor' }) }) });
  try {
    let version: string;
    try {
      const { rows } = await within(TIMEOUT_MS, where, sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db));
      version = rows[0]?.v ?? 'unknown';
    } catch (err) {
      return unreachable(where, err);
    }
    const out = [pass('postgresql reachable', `${where} (PostgreSQL ${version})`)];
    const pending = await within(TIMEOUT_MS, where, pendingMigrations(db));
    out.push(pending.length === 0
      ? pass('postgresql migrations', 'current')
      : fail('postgresql migrations', `${pending.length} not applied: ${pending.join(', ')}`, 'start any opsbot command that opens the database (e.g. `opsbot users list`) with the schema owner in DATABASE_URL: it migrates; drain workers first (docs/deployment.md, Upgrades)'));
    return out;
  } finally {
    await db.destroy().catch(() => undefined);
    await release().catch(() => undefined);
  }
}

function unreachable(where: string, err: unknown): CheckResult[] {
  return [
    fail('postgresql reachable', `${where}: ${firstLine(err)}`, 'start PostgreSQL, or correct DATABASE_URL (host, port, user, password, database); check pg_hba.conf and the firewall'),
    fail('postgresql migrations', 'not checked: PostgreSQL unreachable', 'make PostgreSQL reachable first (see "postgresql reachable")'),
  ];
}

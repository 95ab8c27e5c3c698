import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../../jobs/runtime/run-store';
import { startCli } from '../../helpers/cli-process';
import { writeFinishedRun } from '../../helpers/fake-run';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';

// Issue 20.5: the restore drill of docs/deployment.md ("Backup and restore"), as a test: pg_dump of
// the database and a copy of the run store; pg_restore into a fresh database and the copy in a new
// place; then `opsbot runs` lists the runs and `opsbot audit verify` accepts the chain there.

const PG_BIN = '/usr/lib/postgresql/15/bin';
const root = mkdtempSync(path.join(os.tmpdir(), 'opsbot-restore-drill-'));
let source: TestDatabase;
let restoredUrl = '';
let restoredName = '';

/** The same server, another database: the owner may create and drop databases (as the drill's admin does). */
function urlOf(databaseUrl: string, database: string): string {
  // `postgresql://user@/db?host=/socket/dir`: no host part, which WHATWG URL refuses.
  const replaced = databaseUrl.replace(/^(postgres(?:ql)?:\/\/[^/]*\/)[^?]*/, `$1${database}`);
  if (replaced === databaseUrl) throw new Error(`cannot find the database name in ${databaseUrl}`);
  return replaced;
}

async function admin(sqlText: string): Promise<void> {
  const c = new pg.Client({ connectionString: urlOf(source.databaseUrl, 'postgres') });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
}

async function opsbot(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  const cli = startCli(args, { OPSBOT_VAR_DIR: path.join(root, 'var'), OPSBOT_LOG_LEVEL: 'warn', ...env });
  const code = await cli.exited;
  return { code, out: cli.output() };
}

beforeAll(async () => {
  source = await startTestDatabase();
}, 120_000);
afterAll(async () => {
  if (restoredName) await admin(`DROP DATABASE IF EXISTS ${restoredName}`).catch(() => undefined);
  await source?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('restore drill', () => {
  it('pg_dump + run store copy, restored into a fresh database and folder: runs and the audit chain still work', async () => {
    // The deployment before the backup: a user added (an audited action) and a finished run.
    const runsDir = path.join(root, 'runs');
    writeFileSync(path.join(root, 'pw'), 'correct horse battery staple\n', { mode: 0o600 });
    const added = await opsbot(['users', 'add', 'alice', '--role', 'checker', '--password-file', path.join(root, 'pw')], { DATABASE_URL: source.databaseUrl, OPSBOT_RUNS_DIR: runsDir });
    expect(added.code, added.out).toBe(0);
    await writeFinishedRun(new RunStore(runsDir), { date: '2026-11-20' });

    // Backup: the database as a custom-format dump, the run store as a copy (cp -a / rsync -a).
    const dump = path.join(root, 'opsbot.dump');
    execFileSync(path.join(PG_BIN, 'pg_dump'), ['--format=custom', '--file', dump, source.databaseUrl]);
    const backupRuns = path.join(root, 'backup-runs');
    cpSync(runsDir, backupRuns, { recursive: true, preserveTimestamps: true });

    // Disaster: the run store is gone. Restore into a fresh database and a new folder.
    rmSync(runsDir, { recursive: true, force: true });
    restoredName = `restored_${process.pid}`;
    await admin(`CREATE DATABASE ${restoredName}`);
    restoredUrl = urlOf(source.databaseUrl, restoredName);
    execFileSync(path.join(PG_BIN, 'pg_restore'), ['--exit-on-error', '--dbname', restoredUrl, dump]);
    const restoredRuns = path.join(root, 'restored-runs');
    cpSync(backupRuns, restoredRuns, { recursive: true, preserveTimestamps: true });
    const restored = { DATABASE_URL: restoredUrl, OPSBOT_RUNS_DIR: restoredRuns };

    const runs = await opsbot(['runs'], restored);
    expect(runs.code, runs.out).toBe(0);
    expect(runs.out).toMatch(/daily-ops-report\/2026-11-20\/r1\s+2026-11-20\s+ok\s+yes/);

    const verify = await opsbot(['audit', 'verify'], restored);
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toMatch(/audit chain verifies: [1-9]\d* rows/);

    const users = await opsbot(['users', 'list'], restored);
    expect(users.code, users.out).toBe(0);
    expect(users.out).toMatch(/alice\s+checker/);
  }, 180_000);
});

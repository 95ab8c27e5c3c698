import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../../../jobs/runtime/config';
import { openDatabase } from '../../../../jobs/runtime/db';
import { createLogger } from '../../../../jobs/runtime/logger';
import { REPO, waitUntil } from '../../../helpers/cli-process';
import { postmastersOn, processesNaming } from './support/postgres-processes';
import { MIGRATIONS } from '../../../../jobs/runtime/db/migrations';

/** Every migration the code ships, in order: a fresh database gets all of them. */
const ALL_MIGRATIONS = Object.keys(MIGRATIONS);

const log = createLogger('warn');
const dirs: string[] = [];
function varDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-db-'));
  dirs.push(dir);
  return dir;
}
const configFor = (dir: string): Config => ({ ...parseConfig({}, dir), varDir: dir });
const dataDirOf = (dir: string) => path.join(dir, 'postgres', 'data');

afterAll(() => {
  // Nothing may run on a folder the test leaves; each is removed whatever the answer.
  const running = dirs.flatMap((dir) => postmastersOn(dataDirOf(dir)));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  expect(running).toEqual([]);
});

describe('the private PostgreSQL server (DATABASE_URL unset)', () => {
  it('runs initdb and the migrations on the first start, then reuses the same data', async () => {
    const dir = varDir();
    const first = await openDatabase(configFor(dir), log);
    expect(first.privateServer?.started).toBe(true);
    expect(first.migrated).toEqual(ALL_MIGRATIONS);
    expect(existsSync(path.join(dataDirOf(dir), 'PG_VERSION'))).toBe(true);
    await first.db.insertInto('users').values({ name: 'wang.li', role: 'clerk', branches: ['兰州城关支行'], password_hash: 'scrypt$placeholder' }).execute();
    const server = postmastersOn(dataDirOf(dir));
    expect(server.map((p) => p.pid)).toEqual([first.privateServer!.pid]);
    // PostgreSQL refuses root: as root it runs as the postgres OS user.
    expect(server[0]!.user).toBe(process.getuid?.() === 0 ? 'postgres' : os.userInfo().username);
    await first.close();
    expect(postmastersOn(dataDirOf(dir))).toEqual([]);

    const second = await openDatabase(configFor(dir), log);
    expect(second.privateServer?.started).toBe(true);
    expect(second.privateServer?.pid).not.toBe(first.privateServer?.pid);
    expect(second.migrated).toEqual([]);
    const users = await second.db.selectFrom('users').select(['name', 'role', 'branches', 'disabled']).execute();
    expect(users).toEqual([{ name: 'wang.li', role: 'clerk', branches: ['兰州城关支行'], disabled: false }]);
    await second.close();
    expect(postmastersOn(dataDirOf(dir))).toEqual([]);
  });

  it('listens on no TCP port, only on a socket in a folder private to the server user', async () => {
    const dir = varDir();
    const opened = await openDatabase(configFor(dir), log);
    try {
      const [server] = postmastersOn(dataDirOf(dir));
      expect(server!.args).toContain('-c listen_addresses= ');
      const socketDir = /-k (\S+)/.exec(server!.args)![1]!;
      expect(statSync(socketDir).mode & 0o777).toBe(0o700);
      expect(opened.displayUrl).toBe(`postgresql:///opsbot?user=opsbot&host=${socketDir}`);
      // No password exists (peer authentication): none on any command line.
      expect(processesNaming(dataDirOf(dir)).join('\n')).not.toMatch(/password|PGPASSWORD/i);
    } finally {
      await opened.close();
    }
  });

  it('a second command on the same var folder joins the running server; the last one out stops it', async () => {
    const dir = varDir();
    const a = await openDatabase(configFor(dir), log);
    const b = await openDatabase(configFor(dir), log);
    expect(a.privateServer?.started).toBe(true);
    expect(b.privateServer).toEqual({ pid: a.privateServer!.pid, started: false });
    expect(postmastersOn(dataDirOf(dir))).toHaveLength(1);
    await a.db.insertInto('users').values({ name: 'zhao.min', role: 'checker', password_hash: 'x' }).execute();
    await a.close();
    // The first one out leaves the server to the other.
    expect(await b.db.selectFrom('users').select('name').execute()).toEqual([{ name: 'zhao.min' }]);
    expect(postmastersOn(dataDirOf(dir))).toHaveLength(1);
    await b.close();
    expect(postmastersOn(dataDirOf(dir))).toEqual([]);
  });

  it('two commands opening a new var folder at once: one initdb, one server, the migration applied once', async () => {
    const dir = varDir();
    const [a, b] = await Promise.all([openDatabase(configFor(dir), log), openDatabase(configFor(dir), log)]);
    expect([a.privateServer?.started, b.privateServer?.started].sort()).toEqual([false, true]);
    expect([...a.migrated, ...b.migrated]).toEqual(ALL_MIGRATIONS);
    expect(a.privateServer?.pid).toBe(b.privateServer?.pid);
    await Promise.all([a.close(), b.close()]);
    expect(postmastersOn(dataDirOf(dir))).toEqual([]);
  });

  it('leaves no postgres process behind when the command is killed with SIGKILL', async () => {
    const dir = varDir();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'test/integration/runtime/db/support/open-database-probe.ts'), dir, 'hold'], {
      cwd: REPO,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    expect(await waitUntil(() => out.includes('"privateServer"'), 120_000)).toBe(true);
    const { privateServer, displayUrl } = JSON.parse(out.split('\n')[0]!) as { privateServer: { pid: number }; displayUrl: string };
    const socketDir = new URL(displayUrl).searchParams.get('host')!;
    expect(existsSync(socketDir)).toBe(true);
    expect(postmastersOn(dataDirOf(dir)).map((p) => p.pid)).toEqual([privateServer.pid]);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    // The watchdog sees its users gone and stops the server: no postmaster, no backend, no watchdog.
    expect(await waitUntil(() => processesNaming(path.join(dir, 'postgres')).length === 0, 15_000)).toBe(true);
    expect(await waitUntil(() => !existsSync(`/proc/${privateServer.pid}`))).toBe(true);
    expect(await waitUntil(() => !existsSync(socketDir))).toBe(true);
    // Its lease is dropped, and the next command starts the server again on the same data.
    const again = await openDatabase(configFor(dir), log);
    expect(again.privateServer?.started).toBe(true);
    expect(again.migrated).toEqual([]);
    await again.close();
    expect(readdirSync(path.join(dir, 'postgres', 'users'))).toEqual([]);
  });

  it('a var folder only its owner may enter still works as root: the postgres user is let through', async () => {
    const dir = varDir();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const opened = await openDatabase(configFor(dir), log);
    await opened.close();
    // As root, the folder is opened to the postgres group for passing through only (not listing);
    // others gain nothing. As another user, nothing changes.
    expect(statSync(dir).mode & 0o777).toBe(process.getuid?.() === 0 ? 0o710 : 0o700);
    expect(statSync(path.join(dir, 'postgres')).mode & 0o777).toBe(0o700);
  });
});

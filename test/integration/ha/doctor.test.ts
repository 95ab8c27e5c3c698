import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { freePort } from '../../../jobs/runtime/redis';
import { claimSharedRunStore } from '../../../jobs/runtime/run-store';
import { startCli } from '../../helpers/cli-process';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { info, until } from '../runtime/redis-sentinel-cluster';

// Issue 20.4: `opsbot doctor` prints one line per check, pass or fail with the fix, and exits 1
// when any fails. A healthy deployment passes every check; a broken one names each fault.

const root = mkdtempSync(path.join(os.tmpdir(), 'opsbot-doctor-'));
const servers: ChildProcess[] = [];
let database: TestDatabase;

async function redisServer(name: string, settings: string[]): Promise<string> {
  const port = await freePort();
  const dir = path.join(root, name);
  mkdirSync(dir);
  servers.push(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...settings], { stdio: 'ignore' }));
  await until(async () => /redis_version/.test(await info(port, '', 'server')), `redis-server ${name}`);
  return `redis://127.0.0.1:${port}`;
}

async function doctor(env: NodeJS.ProcessEnv): Promise<{ code: number | null; lines: string[] }> {
  const cli = startCli(['doctor'], { OPSBOT_LOG_LEVEL: 'warn', ...env });
  const code = await cli.exited;
  return { code, lines: cli.output().split('\n').filter(Boolean) };
}

function line(lines: string[], check: string): string {
  const found = lines.filter((l) => l.includes(`  ${check}: `));
  expect(found, `one line for "${check}" in:\n${lines.join('\n')}`).toHaveLength(1);
  return found[0]!;
}

beforeAll(async () => {
  database = await startTestDatabase();
}, 120_000);
afterAll(async () => {
  for (const s of servers) s.kill('SIGKILL');
  await database?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('opsbot doctor', () => {
  it('a healthy deployment: every check passes, exit 0', async () => {
    const redisUrl = await redisServer('good', ['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']);
    const { code, lines } = await doctor({ REDIS_URL: redisUrl, DATABASE_URL: database.databaseUrl, OPSBOT_VAR_DIR: path.join(root, 'good-var') });
    expect(code, lines.join('\n')).toBe(0);
    for (const check of ['redis reachable', 'redis version', 'redis maxmemory-policy', 'redis AOF', 'postgresql reachable', 'postgresql migrations', 'chromium launches', 'CJK font', 'run store writable', 'run store shared', 'clock vs Redis']) {
      expect(line(lines, check)).toMatch(/^PASS {2}/);
    }
    expect(line(lines, 'postgresql migrations')).toMatch(/: current$/);
    expect(lines.at(-1)).toBe('all 11 checks pass');
  }, 120_000);

  it('a broken deployment: allkeys-lru, AOF off, database unreachable, store not writable, no CJK font — each named, exit 1', async () => {
    const redisUrl = await redisServer('bad', ['--appendonly', 'no', '--maxmemory-policy', 'allkeys-lru']);
    // A file where the run store's folder must be: not writable even for root (tests run as root in CI).
    const blocker = path.join(root, 'not-a-folder');
    writeFileSync(blocker, 'x');
    // fontconfig (the lookup Chromium uses) pointed at an empty font folder.
    const emptyFonts = path.join(root, 'no-fonts');
    mkdirSync(emptyFonts);
    const fontsConf = path.join(root, 'fonts.conf');
    writeFileSync(fontsConf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${emptyFonts}</dir><cachedir>${path.join(root, 'fc-cache')}</cachedir></fontconfig>\n`);
    const closedPort = await freePort();
    const { code, lines } = await doctor({
      REDIS_URL: redisUrl,
      DATABASE_URL: `postgres://opsbot:secret-not-shown@127.0.0.1:${closedPort}/opsbot`,
      OPSBOT_VAR_DIR: path.join(root, 'bad-var'),
      OPSBOT_RUNS_DIR: path.join(blocker, 'runs'),
      FONTCONFIG_FILE: fontsConf,
    });
    expect(code, lines.join('\n')).toBe(1);
    expect(line(lines, 'redis reachable')).toMatch(/^PASS/);
    expect(line(lines, 'redis maxmemory-policy')).toMatch(/^FAIL {2}redis maxmemory-policy: is allkeys-lru: .* — fix: set "maxmemory-policy noeviction" in redis.conf/);
    expect(line(lines, 'redis AOF')).toMatch(/^FAIL {2}redis AOF: appendonly is off.* — fix: set "appendonly yes"/);
    expect(line(lines, 'postgresql reachable')).toMatch(new RegExp(`^FAIL {2}postgresql reachable: postgres://opsbot@127\\.0\\.0\\.1:${closedPort}/opsbot: .*ECONNREFUSED.* — fix: start PostgreSQL, or correct DATABASE_URL`));
    expect(line(lines, 'postgresql migrations')).toMatch(/^FAIL {2}postgresql migrations: not checked: PostgreSQL unreachable/);
    expect(line(lines, 'run store writable')).toMatch(new RegExp(`^FAIL {2}run store writable: .*ENOTDIR.*${blocker}.* — fix: make ${blocker}/runs a folder this user can write`));
    expect(line(lines, 'CJK font')).toMatch(/^FAIL {2}CJK font: fontconfig finds no font with Chinese glyphs .* — fix: install a CJK font: apt-get install -y fonts-wqy-microhei/);
    // Which store this is cannot be read either: that check fails too, saying why.
    expect(line(lines, 'run store shared')).toMatch(/^FAIL {2}run store shared: .*ENOTDIR/);
    expect(line(lines, 'chromium launches')).toMatch(/^PASS/);
    expect(line(lines, 'clock vs Redis')).toMatch(/^PASS/);
    expect(lines.join('\n')).not.toContain('secret-not-shown');
    expect(lines.at(-1)).toBe('7 of 11 checks fail: redis maxmemory-policy, redis AOF, postgresql reachable, postgresql migrations, CJK font, run store writable, run store shared');
    console.log(lines.join('\n'));
  }, 120_000);

  it('a run store other than the one the workers recorded: named with both paths, exit 1', async () => {
    const redisUrl = await redisServer('shared', ['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']);
    const shared = path.join(root, 'shared-runs');
    const client = new Redis(redisUrl);
    try {
      // A worker started with the shared store (prefix: the default queue prefix, as doctor's).
      await claimSharedRunStore(client, 'opsbot', shared);
    } finally {
      client.disconnect();
    }
    const local = path.join(root, 'local-runs');
    const { code, lines } = await doctor({ REDIS_URL: redisUrl, DATABASE_URL: database.databaseUrl, OPSBOT_VAR_DIR: path.join(root, 'mismatch-var'), OPSBOT_RUNS_DIR: local });
    expect(code, lines.join('\n')).toBe(1);
    expect(line(lines, 'run store writable')).toMatch(/^PASS/);
    expect(line(lines, 'run store shared')).toContain(`FAIL  run store shared: run store ${local} is not the run store the other workers share: that one was first seen at ${shared}`);
    expect(lines.at(-1)).toBe('1 of 11 checks fail: run store shared');
  }, 120_000);

  it('sentinels that cannot be reached: Redis named as failing, and doctor still answers', async () => {
    const started = Date.now();
    const { code, lines } = await doctor({
      REDIS_URL: '', REDIS_SENTINELS: `127.0.0.1:${await freePort()},127.0.0.1:${await freePort()}`, REDIS_SENTINEL_NAME: 'opsbot',
      DATABASE_URL: database.databaseUrl, OPSBOT_VAR_DIR: path.join(root, 'sentinel-var'),
    });
    expect(code, lines.join('\n')).toBe(1);
    expect(line(lines, 'redis reachable')).toMatch(/^FAIL {2}redis reachable: Redis \(Sentinel opsbot\): .* — fix: start Redis, or correct REDIS_URL \/ REDIS_SENTINELS/);
    expect(line(lines, 'redis AOF')).toMatch(/^FAIL {2}redis AOF: not checked: Redis unreachable/);
    expect(line(lines, 'postgresql migrations')).toMatch(/^PASS/);
    expect(Date.now() - started).toBeLessThan(90_000);
  }, 120_000);
});

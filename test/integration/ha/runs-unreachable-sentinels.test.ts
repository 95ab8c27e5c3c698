import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort } from '../../../jobs/runtime/redis';
import { startCli } from '../../helpers/cli-process';

// `opsbot runs` asks Redis about unfinished runs. With every sentinel down, ioredis's default
// sentinelRetryStrategy retried for ever inside one connection attempt and the command hung
// (90 s and counting when this was written); bounded, it answers that the state is unknown.

const varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-no-sentinels-'));
afterAll(() => rmSync(varDir, { recursive: true, force: true }));

it('opsbot runs answers, with the state unknown, when no sentinel can be reached', async () => {
  // An unfinished run: its state needs Redis.
  mkdirSync(path.join(varDir, 'runs', 'daily-ops-report', '2026-11-20', 'r1.staging'), { recursive: true });
  const [a, b] = [await freePort(), await freePort()];
  const started = Date.now();
  const cli = startCli(['runs'], { OPSBOT_VAR_DIR: varDir, REDIS_URL: '', REDIS_SENTINELS: `127.0.0.1:${a},127.0.0.1:${b}`, REDIS_SENTINEL_NAME: 'opsbot' });
  const code = await Promise.race([cli.exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 60_000))]);
  if (code === 'hung') cli.child.kill('SIGKILL');
  expect(code, cli.output()).toBe(0);
  expect(Date.now() - started).toBeLessThan(60_000);
  expect(cli.output()).toMatch(/daily-ops-report\/2026-11-20\/r1\s+2026-11-20\s+unknown/);
  expect(cli.output()).toMatch(/sentinels are unreachable/);
}, 90_000);

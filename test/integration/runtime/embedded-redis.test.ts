import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startEmbeddedRedis } from '../../../jobs/runtime/redis';
import { redisPidsOnPort, startCli, waitUntil } from '../../helpers/cli-process';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'opsbot-redis-'));

describe('embedded Redis', () => {
  it('starts a private redis-server with AOF under the given folder, and stops it', async () => {
    const dir = tmp();
    const redis = await startEmbeddedRedis(dir);
    const client = new Redis(redis.url);
    expect(await client.ping()).toBe('PONG');
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await client.config('GET', 'dir')).toEqual(['dir', dir]);
    client.disconnect();
    expect(redisPidsOnPort(redis.port)).toHaveLength(1);
    await redis.stop();
    expect(await waitUntil(() => redisPidsOnPort(redis.port).length === 0)).toBe(true);
  });

  it('keeps its data from one command to the next, and gives a concurrent instance a folder of its own', async () => {
    const dir = tmp();
    const first = await startEmbeddedRedis(dir);
    const c1 = new Redis(first.url);
    await c1.set('opsbot:test', 'kept');
    const second = await startEmbeddedRedis(dir);
    const c2 = new Redis(second.url);
    const [, secondDir] = (await c2.config('GET', 'dir')) as [string, string];
    expect(path.dirname(secondDir)).toBe(path.join(dir, 'instances'));
    c2.disconnect();
    await second.stop();
    c1.disconnect();
    await first.stop();
    const again = await startEmbeddedRedis(dir);
    const c3 = new Redis(again.url);
    expect(await c3.get('opsbot:test')).toBe('kept');
    c3.disconnect();
    await again.stop();
  });

  it('leaves no redis-server behind when the command is stopped with Ctrl-C', async () => {
    const cli = startCli(['worker'], { OPSBOT_VAR_DIR: tmp(), REDIS_URL: '' });
    const [, port] = await cli.waitFor(/private Redis redis:\/\/127\.0\.0\.1:(\d+)/);
    expect(redisPidsOnPort(port!)).toHaveLength(1);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(130);
    expect(await waitUntil(() => redisPidsOnPort(port!).length === 0)).toBe(true);
  });

  it('leaves no redis-server behind even when the command is killed with SIGKILL', async () => {
    const cli = startCli(['worker'], { OPSBOT_VAR_DIR: tmp(), REDIS_URL: '' });
    const [, port] = await cli.waitFor(/private Redis redis:\/\/127\.0\.0\.1:(\d+)/);
    cli.child.kill('SIGKILL');
    await cli.exited;
    expect(await waitUntil(() => redisPidsOnPort(port!).length === 0)).toBe(true);
  });

  it('stops the command with a clear message when its private redis-server dies, instead of hanging', async () => {
    const cli = startCli(['worker'], { OPSBOT_VAR_DIR: tmp(), REDIS_URL: '' });
    const [, port] = await cli.waitFor(/private Redis redis:\/\/127\.0\.0\.1:(\d+)/);
    for (const pid of redisPidsOnPort(port!)) process.kill(pid, 'SIGKILL');
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toMatch(new RegExp(`private Redis stopped unexpectedly — redis-server on port ${port} ended`));
  });

  it('uses REDIS_URL when set and starts nothing', async () => {
    const external = await startEmbeddedRedis(tmp());
    const cli = startCli(['worker'], { OPSBOT_VAR_DIR: tmp(), REDIS_URL: external.url });
    await cli.waitFor(/worker ready on REDIS_URL/);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(143);
    // Only the external one exists, and it is still up.
    expect(redisPidsOnPort(external.port)).toHaveLength(1);
    await external.stop();
  });
});

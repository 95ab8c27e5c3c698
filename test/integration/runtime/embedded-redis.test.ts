import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startEmbeddedRedis } from '../../../jobs/runtime/redis';
import { redisPidsOnPort, startCli, waitUntil } from '../../helpers/cli-process';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'opsbot-redis-'));

/** The first reply line to one raw command: what any local user typing into the port gets. */
function ask(port: number | string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), '127.0.0.1', () => s.write(`${command}\r\n`));
    let got = '';
    s.on('data', (d: Buffer) => {
      got += d.toString();
      if (got.includes('\r\n')) { s.destroy(); resolve(got.split('\r\n')[0]!); }
    });
    s.once('error', reject);
  });
}

/** What `ps` shows every user of the host: each process's full command line. */
const psAll = () => spawnSync('ps', ['-eww', '-o', 'pid=,args='], { encoding: 'utf8' }).stdout;

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

  it('asks for a password of its own (a new one each start) that no command line shows', async () => {
    const redis = await startEmbeddedRedis(tmp());
    const again = await startEmbeddedRedis(tmp());
    try {
      expect(redis.password).toMatch(/^[0-9a-f]{48}$/);
      expect(again.password).not.toBe(redis.password);
      // Another user of the host knows the port (ps, ss), not the password.
      expect(await ask(redis.port, 'PING')).toMatch(/^-NOAUTH/);
      expect(await ask(redis.port, 'RPUSH opsbot:bots:wait forged')).toMatch(/^-NOAUTH/);
      expect(await ask(redis.port, `AUTH ${again.password}`)).toMatch(/^-WRONGPASS/);
      const own = new Redis(redis.url);
      expect(await own.ping()).toBe('PONG');
      own.disconnect();
      const ps = psAll();
      expect(ps).toMatch(new RegExp(`redis-server 127\\.0\\.0\\.1:${redis.port}`));
      expect(ps).not.toContain(redis.password);
      expect(ps).not.toContain(again.password);
      expect(redis.displayUrl).toBe(`redis://127.0.0.1:${redis.port}`);
    } finally {
      await again.stop();
      await redis.stop();
    }
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
    // The command's own Redis wants its password: a local user without it gets NOAUTH, and the
    // password is in no command line and not in what the command printed (address only).
    expect(await ask(port!, 'PING')).toMatch(/^-NOAUTH/);
    expect(psAll()).not.toMatch(/requirepass/);
    expect(cli.output()).not.toMatch(/redis:\/\/[^\s]*@/);
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

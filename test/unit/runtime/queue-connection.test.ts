import { describe, expect, it } from 'vitest';
import { parseConfig, setConfig } from '../../../jobs/runtime/config';
import { bullConnection, coordinationPrefix, ownWorld, queuePrefix, useOwnWorldQueues } from '../../../jobs/runtime/queues';
import { stopRedis } from '../../../jobs/runtime/redis';

// Nothing is connected here: bullConnection only reads REDIS_URL, and the prefixes only the config.
describe('queue connection and namespace', () => {
  it('a rediss:// REDIS_URL connects over TLS, with its user, password and database', async () => {
    setConfig({ ...parseConfig({}), redisUrl: 'rediss://opsbot:p%40ss@redis.bank.internal:6380/2', queuePrefix: 'bank' });
    const { connection } = await bullConnection();
    expect(connection).toMatchObject({ host: 'redis.bank.internal', port: 6380, username: 'opsbot', password: 'p@ss', db: 2, tls: { servername: 'redis.bank.internal' } });
    await stopRedis(); // forgets the URL it read (nothing was started: REDIS_URL was set)
    setConfig({ ...parseConfig({}), redisUrl: 'redis://127.0.0.1:6379', queuePrefix: 'bank' });
    expect((await bullConnection()).connection).not.toHaveProperty('tls');
  });

  it('a process serving its own fixture world queues under a world prefix; the trigger lock stays shared', async () => {
    setConfig({ ...parseConfig({}), redisUrl: 'redis://127.0.0.1:6379', queuePrefix: 'bank' });
    expect(ownWorld()).toBeUndefined();
    expect(queuePrefix()).toBe('bank');
    const id = useOwnWorldQueues();
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(useOwnWorldQueues()).toBe(id);
    expect(queuePrefix()).toBe(`bank:world-${id}`);
    expect((await bullConnection()).prefix).toBe(`bank:world-${id}`);
    expect(coordinationPrefix()).toBe('bank');
  });
});

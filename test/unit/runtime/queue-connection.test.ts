import { describe, expect, it } from 'vitest';
import { newWorldId, queueNamespace, redisConnection } from '../../../jobs/runtime/queues';

// Nothing is connected here: a connection is options read from a URL, and a namespace only prefixes.
describe('queue connection and namespace', () => {
  it('a rediss:// REDIS_URL connects over TLS, with its user, password and database', () => {
    const { connection } = redisConnection('rediss://opsbot:p%40ss@redis.bank.internal:6380/2', queueNamespace('bank'));
    expect(connection).toMatchObject({ host: 'redis.bank.internal', port: 6380, username: 'opsbot', password: 'p@ss', db: 2, tls: { servername: 'redis.bank.internal' } });
    expect(redisConnection('redis://127.0.0.1:6379', queueNamespace('bank')).connection).not.toHaveProperty('tls');
  });

  it('a process serving its own fixture world queues under a world prefix; the trigger lock stays shared', () => {
    const deployment = redisConnection('redis://127.0.0.1:6379', queueNamespace('bank'));
    expect(deployment).toMatchObject({ prefix: 'bank', coordinationPrefix: 'bank' });
    expect(deployment.world).toBeUndefined();
    const id = newWorldId();
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(newWorldId()).not.toBe(id);
    const world = redisConnection('redis://127.0.0.1:6379', queueNamespace('bank', id));
    expect(world).toMatchObject({ prefix: `bank:world-${id}`, coordinationPrefix: 'bank', world: id });
  });
});

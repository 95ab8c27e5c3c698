import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../../jobs/runtime/redis';
import { claimSharedRunStore, recordedStore, RunStoreMismatchError, STORE_MARKER } from '../../../jobs/runtime/run-store';

// Issue 20.2: a worker whose run store is not the shared one is refused at start, naming both paths.

describe('the shared run store marker', () => {
  let redis: EmbeddedRedis;
  let client: Redis;
  const root = mkdtempSync(path.join(os.tmpdir(), 'opsbot-store-marker-'));
  let n = 0;
  const prefix = () => `marker-${process.pid}-${n++}`;

  beforeAll(async () => {
    redis = await startEmbeddedRedis(path.join(root, 'redis'));
    client = new Redis(redis.url);
  });
  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('the first start marks the store and records it; the same store seen at another path is accepted', async () => {
    const p = prefix();
    const shared = path.join(root, 'shared');
    const first = await claimSharedRunStore(client, p, shared);
    const marker = JSON.parse(readFileSync(path.join(shared, STORE_MARKER), 'utf8')) as { id: string };
    expect(marker.id).toBe(first.marker.id);
    expect(await recordedStore(client, p)).toMatchObject({ id: marker.id, root: shared, host: os.hostname() });
    // Another host mounts the same store elsewhere: the id, not the path, decides.
    const mountedElsewhere = path.join(root, 'mnt-runs');
    symlinkSync(shared, mountedElsewhere);
    expect((await claimSharedRunStore(client, p, mountedElsewhere)).marker.id).toBe(marker.id);
  });

  it('a local folder instead of the shared mount is refused naming both paths, and left unmarked', async () => {
    const p = prefix();
    const shared = path.join(root, `shared-${p}`);
    await claimSharedRunStore(client, p, shared);
    const local = path.join(root, `local-${p}`);
    const err = await claimSharedRunStore(client, p, local).then(() => undefined, (e: unknown) => e as Error);
    expect(err).toBeInstanceOf(RunStoreMismatchError);
    expect(err!.message).toContain(`run store ${local} is not the run store the other workers share: that one was first seen at ${shared}`);
    expect(err!.message).toContain(`${local} has no ${STORE_MARKER}`);
    expect(err!.message).toMatch(/Set OPSBOT_RUNS_DIR to the shared mount/);
    expect(() => readFileSync(path.join(local, STORE_MARKER))).toThrow(/ENOENT/);
  });

  it('another store with its own marker is refused too', async () => {
    const p = prefix();
    const q = prefix();
    const a = path.join(root, `a-${p}`);
    const b = path.join(root, `b-${p}`);
    await claimSharedRunStore(client, p, a);
    const other = await claimSharedRunStore(client, q, b); // b was marked under another Redis prefix
    await expect(claimSharedRunStore(client, p, b)).rejects.toThrow(`${b} holds another store's marker (${STORE_MARKER} id ${other.marker.id})`);
  });

  it('two workers starting at once on a fresh store agree on one id', async () => {
    const p = prefix();
    const fresh = path.join(root, `fresh-${p}`);
    mkdirSync(fresh);
    const claims = await Promise.all([1, 2, 3, 4].map(() => claimSharedRunStore(client, p, fresh)));
    expect(new Set(claims.map((c) => c.marker.id)).size).toBe(1);
    expect((await recordedStore(client, p))!.id).toBe(claims[0]!.marker.id);
  });
});

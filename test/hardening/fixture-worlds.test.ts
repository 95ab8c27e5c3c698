import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../jobs/runtime/run-store';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../jobs/runtime/redis';
import { startCli } from '../helpers/cli-process';

// Two `opsbot run --with-fixtures` at once on one shared Redis and one run store. Each process
// serves its own fixture world (its own portals, its own random fixture password): before each
// world had queues of its own, one process's worker took the other's extractions and typed its
// own login into the other's portals — "login refused" on some sources, a partial report.

const JOB = 'daily-ops-report';
const DATE = '2026-11-20';
const PREFIX = 'worlds';
let redis: EmbeddedRedis;
let varDir: string;

beforeAll(async () => {
  varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-worlds-'));
  redis = await startEmbeddedRedis(path.join(varDir, 'shared-redis'));
});
afterAll(async () => {
  await redis?.stop();
  rmSync(varDir, { recursive: true, force: true });
});

describe('two fixture runs at once on one shared Redis', () => {
  it('both end ok with every source complete, as distinct revisions, and leave no world queue behind', async () => {
    const env = { REDIS_URL: redis.url, OPSBOT_VAR_DIR: varDir, OPSBOT_QUEUE_PREFIX: PREFIX, OPSBOT_LOG_LEVEL: 'warn' };
    const runs = [0, 1].map(() => startCli(['run', JOB, '--with-fixtures', '--force', '--date', DATE], env));
    const codes = await Promise.all(runs.map((r) => r.exited));
    for (const r of runs) expect(r.output()).toMatch(new RegExp(`${JOB}/${DATE}/r\\d: ok`));
    expect(codes).toEqual([0, 0]);

    const store = new RunStore(path.join(varDir, 'runs'));
    expect(await store.revisions(JOB, DATE)).toEqual([{ revision: 1, finished: true }, { revision: 2, finished: true }]);
    for (const revision of [1, 2]) {
      const m = await store.read(store.runDir(JOB, DATE, revision));
      expect(m.status).toBe('ok');
      expect(m.sources).toHaveLength(8);
      for (const s of m.sources) {
        expect(s.status, `${m.runId} ${s.botId}: ${s.error ?? ''}`).toBe('ok');
        if (s.expected !== null) expect(s.count, `${m.runId} ${s.botId}`).toBe(s.expected);
      }
      // The list portals state their totals: the count check above ran, it was not skipped.
      expect(m.sources.filter((s) => s.expected !== null).length, m.runId).toBeGreaterThan(0);
    }

    // Each world's keys went with its process; the deployment's own keys (the trigger lock) are
    // under the base prefix, never in a world.
    const client = new Redis(redis.url);
    try {
      expect(await client.keys(`${PREFIX}:world-*`)).toEqual([]);
    } finally {
      client.disconnect();
    }
  }, 600_000);

  it('--with-fixtures with --no-worker is refused before anything starts (no other worker can reach its portals)', async () => {
    const cli = startCli(['run', JOB, '--with-fixtures', '--no-worker', '--date', DATE], { REDIS_URL: redis.url, OPSBOT_VAR_DIR: varDir, OPSBOT_QUEUE_PREFIX: PREFIX });
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toContain('--with-fixtures with --no-worker');
  }, 120_000);
});

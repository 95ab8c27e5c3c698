import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BotRuntime, defineBot, definePortal, JobCancelledError, NonRetryableError, runBot, sleep } from '../../../../bots/sdk';

// Bots here never open a page, so the runtime's browser is never asked for: no browser starts.
const portal = definePortal({ id: 'cancel-test', title: '取消测试' });
const runtime = () => new BotRuntime(async () => ({}) as Browser, () => ({ url: 'http://portal.test' }), pino({ level: 'silent' }));

const dirs: string[] = [];
const runDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'opsbot-cancel-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Yields a record every 10 ms for ever; says when its `finally` ran and what ctx.signal was. */
function endlessBot(seen: { cleanedUp: boolean; signal?: AbortSignal; yielded: number }) {
  return defineBot({
    id: 'cancel-test.endless', title: '无尽', version: '1.0.0', portal,
    input: z.object({}), record: z.object({ n: z.number() }),
    async *run(ctx) {
      seen.signal = ctx.signal;
      try {
        for (let n = 0; ; n++) {
          seen.yielded = n + 1;
          yield { n };
          await new Promise((r) => setTimeout(r, 10));
        }
      } finally {
        seen.cleanedUp = true;
      }
    },
  });
}

describe('runBot: the job signal reaches ctx.signal; a cancelled run stops between records', () => {
  it('stops within the next record, runs the bot\'s finally, keeps no records file, rejects with JobCancelledError', async () => {
    const seen = { cleanedUp: false, yielded: 0 } as { cleanedUp: boolean; signal?: AbortSignal; yielded: number };
    const job = new AbortController();
    const dir = runDir();
    const running = runBot(runtime(), endlessBot(seen), {}, { runDir: dir, signal: job.signal });
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.signal?.aborted).toBe(false);
    const at = seen.yielded;
    job.abort('opsbot runs cancel by admin-li');
    await expect(running).rejects.toMatchObject({ name: 'JobCancelledError', reason: 'opsbot runs cancel by admin-li' });
    // ctx.signal followed the job's, and its reason is the typed error (BullMQ aborts with a string).
    expect(seen.signal?.aborted).toBe(true);
    expect(seen.signal?.reason).toBeInstanceOf(JobCancelledError);
    expect(seen.yielded - at).toBeLessThanOrEqual(1);
    expect(seen.cleanedUp).toBe(true);
    expect(existsSync(path.join(dir, 'sources', 'cancel-test.endless.jsonl'))).toBe(false);
  });

  it('a job cancelled before it starts runs nothing', async () => {
    const seen = { cleanedUp: false, yielded: 0 };
    const job = new AbortController();
    job.abort('early');
    await expect(runBot(runtime(), endlessBot(seen), {}, { runDir: runDir(), signal: job.signal })).rejects.toBeInstanceOf(JobCancelledError);
    expect(seen.yielded).toBe(0);
  });

  it('a bot waiting in sleep(…, ctx.signal) outside any step stops at once', async () => {
    const bot = defineBot({
      id: 'cancel-test.sleeper', title: '等待', version: '1.0.0', portal,
      input: z.object({}), record: z.object({ n: z.number() }),
      async *run(ctx) {
        await sleep(60_000, ctx.signal);
        yield { n: 1 };
      },
    });
    const job = new AbortController();
    const started = Date.now();
    const running = runBot(runtime(), bot, {}, { runDir: runDir(), signal: job.signal });
    setTimeout(() => job.abort('admin'), 30);
    await expect(running).rejects.toBeInstanceOf(JobCancelledError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('without a job signal ctx.signal never fires; invalid input is not retryable', async () => {
    const seen = { cleanedUp: false, yielded: 0 } as { cleanedUp: boolean; signal?: AbortSignal; yielded: number };
    const finite = defineBot({
      id: 'cancel-test.finite', title: '有限', version: '1.0.0', portal,
      input: z.object({ n: z.number() }), record: z.object({ n: z.number() }),
      async *run(ctx, { n }) {
        seen.signal = ctx.signal;
        for (let i = 0; i < n; i++) yield { n: i };
      },
    });
    await expect(runBot(runtime(), finite, { n: 3 }, { runDir: runDir() })).resolves.toMatchObject({ count: 3 });
    expect(seen.signal?.aborted).toBe(false);
    await expect(runBot(runtime(), finite, { n: 'three' }, { runDir: runDir() })).rejects.toBeInstanceOf(NonRetryableError);
  });
});

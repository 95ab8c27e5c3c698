import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Browser } from 'playwright-core';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BotRuntime, defineBot, definePortal, IncompleteExtractionError, PortalError, sleep, type AnyBot,
} from '../../../bots/sdk';
import type { JobDefinition } from '../../../jobs/define-job';
import { parseConfig } from '../../../jobs/runtime/config';
import type { ExtractPayload } from '../../../jobs/runtime/queues';
import { RunStore } from '../../../jobs/runtime/run-store/run-store';
import { extractProcessor } from '../../../jobs/runtime/worker/extract-processor';

// The extraction processor with what the composition root would hand it, and bots that never open
// a page (the runtime's browser is never asked for): how errors map onto BullMQ, and the signal.
const portal = definePortal({ id: 'worker-test', title: '测试' });
const JOB = 'worker-test-job';
const DATE = '2026-03-16';
const log = pino({ level: 'silent' });

/** A bot whose `run` does what the test says, once it has read ctx.signal. */
function botThat(id: string, behave: (signal: AbortSignal) => Promise<void>): AnyBot {
  return defineBot({
    id: `worker-test.${id}`, title: id, version: '1.0.0', portal, input: z.object({}), record: z.object({ n: z.number() }),
    async *run(ctx) {
      await behave(ctx.signal);
      yield { n: 1 };
    },
  });
}

const bots = [
  botThat('waits', (signal) => sleep(60_000, signal)),
  botThat('busy', async () => {
    throw new PortalError('503 at /list', 503);
  }),
  botThat('short', async () => {
    throw new IncompleteExtractionError('worker-test.short', 10, 9);
  }),
];

let root: string;
let store: RunStore;
let processor: ReturnType<typeof extractProcessor>;
beforeEach(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'opsbot-extract-'));
  store = new RunStore(path.join(root, 'runs'));
  await store.createStaging(JOB, DATE, 1);
  const runtime = new BotRuntime(async () => ({}) as Browser, () => ({ url: 'http://portal.test' }), log);
  processor = extractProcessor(runtime, {
    config: { ...parseConfig({}, root), varDir: root }, log, store,
    jobs: new Map([[JOB, { id: JOB } as JobDefinition]]),
    bots: new Map(bots.map((b) => [b.id, b])),
  });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function job(botId: string, attemptsMade = 0): Job<ExtractPayload> {
  const runId = `${JOB}/${DATE}/r1`;
  return {
    id: `${runId}/${botId}`, name: botId, attemptsMade, opts: { attempts: 3 },
    data: { runId, job: JOB, date: DATE, revision: 1, runDir: store.stagingDir(JOB, DATE, 1), botId, input: {} },
    updateProgress: async () => undefined,
  } as unknown as Job<ExtractPayload>;
}
const statusOf = (botId: string) => {
  const file = path.join(store.stagingDir(JOB, DATE, 1), 'sources', `${botId}.status.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
};

describe('extractProcessor: BullMQ\'s signal reaches the bot; errors map by type', () => {
  it('declares the third parameter, or BullMQ would never hand it a signal (it reads processor.length)', () => {
    expect(processor.length).toBe(3);
  });

  it('a cancelled job stops at once, fails unrecoverably (not retried) and its status says cancelled', async () => {
    const signal = new AbortController();
    const started = Date.now();
    const running = processor(job('worker-test.waits'), 'token', signal.signal);
    setTimeout(() => signal.abort('run r1 cancelled by admin-li: wrong date'), 50);
    const err = await running.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect((err as Error).message).toBe('cancelled: run r1 cancelled by admin-li: wrong date');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(statusOf('worker-test.waits')).toMatchObject({ status: 'failed', count: null, error: 'cancelled: run r1 cancelled by admin-li: wrong date' });
  });

  it('a retryable error is left to BullMQ\'s retries: rethrown as it is, no status until the last attempt', async () => {
    await expect(processor(job('worker-test.busy', 0), 'token')).rejects.toBeInstanceOf(PortalError);
    expect(statusOf('worker-test.busy')).toBeUndefined();
    await expect(processor(job('worker-test.busy', 2), 'token')).rejects.toBeInstanceOf(PortalError);
    expect(statusOf('worker-test.busy')).toMatchObject({ status: 'failed', error: '503 at /list' });
  });

  it('a NonRetryableError (here IncompleteExtractionError) fails the job for good on its first attempt', async () => {
    const err = await processor(job('worker-test.short', 0), 'token').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect((err as Error).message).toBe('worker-test.short: read 9 records but the portal states 10');
    expect(statusOf('worker-test.short')).toMatchObject({ status: 'failed', error: 'worker-test.short: read 9 records but the portal states 10' });
  });
});

describe('extractProcessor: a job\'s work alongside an extraction (JobDefinition.alongside)', () => {
  const three = defineBot({
    id: 'worker-test.three', title: 'three', version: '1.0.0', portal, input: z.object({}), record: z.object({ n: z.number() }),
    async *run() {
      for (let n = 1; n <= 3; n++) yield { n };
    },
  });
  const runtime = new BotRuntime(async () => ({}) as Browser, () => ({ url: 'http://portal.test' }), log);
  function processorWith(alongside: JobDefinition['alongside']) {
    return extractProcessor(runtime, {
      config: { ...parseConfig({}, root), varDir: root }, log, store,
      jobs: new Map([[JOB, { id: JOB, alongside } as JobDefinition]]),
      bots: new Map([...bots, three].map((b) => [b.id, b])),
    });
  }

  it('is fed each record as written, then told the extraction ended well; other sources get none of it', async () => {
    const seen: unknown[] = [];
    const ended: boolean[] = [];
    let input: unknown;
    const p = processorWith({
      source: 'worker-test.three',
      start: (ctx) => {
        input = ctx.input;
        return { record: (r) => seen.push(r), finish: async (ok) => void ended.push(ok) };
      },
    });
    await p(job('worker-test.three'), 'token');
    expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(ended).toEqual([true]);
    expect(input).toEqual({});
    await expect(p(job('worker-test.busy', 2), 'token')).rejects.toBeInstanceOf(PortalError);
    expect(ended).toEqual([true]);
  });

  it('hears that a failed extraction failed', async () => {
    const ended: boolean[] = [];
    const p = processorWith({ source: 'worker-test.busy', start: () => ({ record: () => undefined, finish: async (ok) => void ended.push(ok) }) });
    await expect(p(job('worker-test.busy', 2), 'token')).rejects.toBeInstanceOf(PortalError);
    expect(ended).toEqual([false]);
  });

  it('never fails the extraction: a throwing record() and a rejecting finish() leave it ok', async () => {
    let fed = 0;
    const p = processorWith({
      source: 'worker-test.three',
      start: () => ({
        record: () => {
          fed++;
          throw new Error('alongside bug');
        },
        finish: () => Promise.reject(new Error('alongside bug at the end')),
      }),
    });
    await expect(p(job('worker-test.three'), 'token')).resolves.toMatchObject({ count: 3 });
    expect(fed).toBe(1); // given up after its first failure
    expect(statusOf('worker-test.three')).toMatchObject({ status: 'ok', count: 3 });
  });
});

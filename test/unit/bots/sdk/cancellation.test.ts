import type { Browser, Page } from 'playwright-core';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  JobCancelledError, PortalError, RuntimeBotContext, sleep, throwIfCancelled, untilCancelled,
  type Evidence, type PortalSession,
} from '../../../../bots/sdk';

/** A context whose steps run on a page the test hands in (no browser is ever asked for). */
function context(signal: AbortSignal): RuntimeBotContext {
  return new RuntimeBotContext({
    botId: 'test.cancel', runDir: '/nonexistent', browser: async () => ({}) as Browser,
    session: { baseUrl: 'http://portal.test', portal: { id: 'test' } } as unknown as PortalSession,
    log: pino({ level: 'silent' }), evidence: {} as Evidence, signal,
    retry: { attempts: 4, baseMs: 1, maxMs: 2 }, trace: false,
  });
}
const page = {} as Page;

describe('JobCancelledError.of: whatever the signal was aborted with', () => {
  it('BullMQ\'s string reason, an error, nothing, or a JobCancelledError already', () => {
    const by = (reason?: unknown) => {
      const c = new AbortController();
      c.abort(reason);
      return JobCancelledError.of(c.signal);
    };
    expect(by('opsbot runs cancel by admin-li')).toMatchObject({ name: 'JobCancelledError', reason: 'opsbot runs cancel by admin-li', message: 'cancelled: opsbot runs cancel by admin-li' });
    expect(by(new Error('shutting down')).reason).toBe('shutting down');
    expect(by().reason).toBe('the job was aborted');
    const own = new JobCancelledError('mine');
    expect(by(own)).toBe(own);
    expect(() => throwIfCancelled(new AbortController().signal)).not.toThrow();
  });
});

describe('sleep and untilCancelled end at once when the job is cancelled', () => {
  it('sleep rejects with JobCancelledError (not the bare string BullMQ aborts with)', async () => {
    const c = new AbortController();
    const started = Date.now();
    const waiting = sleep(60_000, c.signal);
    setTimeout(() => c.abort('admin'), 20);
    await expect(waiting).rejects.toMatchObject({ name: 'JobCancelledError', reason: 'admin' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('untilCancelled passes a result or an error through, and rejects on abort without waiting for the work', async () => {
    const c = new AbortController();
    await expect(untilCancelled(Promise.resolve(7), c.signal)).resolves.toBe(7);
    await expect(untilCancelled(Promise.reject(new PortalError('503', 503)), c.signal)).rejects.toBeInstanceOf(PortalError);
    const never = new Promise<never>(() => undefined);
    const racing = untilCancelled(never, c.signal);
    c.abort('stop');
    await expect(racing).rejects.toBeInstanceOf(JobCancelledError);
    await expect(untilCancelled(Promise.resolve(1), c.signal)).rejects.toBeInstanceOf(JobCancelledError);
  });
});

describe('ctx.step: classification by type, and cancellation between and during steps', () => {
  it('retries a retryable error (PortalError, a socket code on the cause); fails at once on one it does not know', async () => {
    const ctx = context(new AbortController().signal);
    let tries = 0;
    await expect(ctx.step('flaky', async () => {
      if (++tries < 3) throw tries === 1 ? new PortalError('503', 503) : new TypeError('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
      return 'read';
    }, page)).resolves.toBe('read');
    expect(tries).toBe(3);
    let plain = 0;
    await expect(ctx.step('plain', async () => {
      plain += 1;
      throw new Error('page.goto: Timeout 30000ms exceeded.');
    }, page)).rejects.toThrow('Timeout 30000ms exceeded');
    expect(plain).toBe(1);
  });

  it('a cancelled job runs no further step', async () => {
    const c = new AbortController();
    c.abort('admin-li');
    let ran = false;
    await expect(context(c.signal).step('next page', async () => (ran = true), page)).rejects.toMatchObject({ name: 'JobCancelledError', reason: 'admin-li' });
    expect(ran).toBe(false);
  });

  it('a step under way (a slow portal) ends as soon as the job is cancelled, and is not retried', async () => {
    const c = new AbortController();
    const ctx = context(c.signal);
    let tries = 0;
    const started = Date.now();
    const step = ctx.step('slow export', async () => {
      tries += 1;
      await new Promise((r) => setTimeout(r, 60_000).unref());
    }, page);
    setTimeout(() => c.abort('admin'), 30);
    await expect(step).rejects.toBeInstanceOf(JobCancelledError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(tries).toBe(1);
  });

  it('a first step still logging in (a slow portal) ends as soon as the job is cancelled', async () => {
    const c = new AbortController();
    const loggingIn = { baseUrl: 'http://portal.test', portal: { id: 'test' }, storageState: () => new Promise(() => undefined) };
    const ctx = new RuntimeBotContext({
      botId: 'test.cancel', runDir: '/nonexistent', browser: async () => ({}) as Browser, session: loggingIn as unknown as PortalSession,
      log: pino({ level: 'silent' }), evidence: {} as Evidence, signal: c.signal, trace: false,
    });
    let ran = false;
    const started = Date.now();
    const step = ctx.step('menu', async () => (ran = true));
    setTimeout(() => c.abort('admin'), 30);
    await expect(step).rejects.toBeInstanceOf(JobCancelledError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(ran).toBe(false);
  });

  it('a cancellation during the backoff before a retry ends the wait at once', async () => {
    const c = new AbortController();
    const ctx = new RuntimeBotContext({
      botId: 'test.cancel', runDir: '/nonexistent', browser: async () => ({}) as Browser,
      session: { baseUrl: 'http://portal.test', portal: { id: 'test' } } as unknown as PortalSession,
      log: pino({ level: 'silent' }), evidence: {} as Evidence, signal: c.signal,
      retry: { attempts: 4, baseMs: 60_000, maxMs: 60_000 }, trace: false,
    });
    const started = Date.now();
    const step = ctx.step('busy portal', async () => {
      throw new PortalError('503', 503);
    }, page);
    setTimeout(() => c.abort('admin'), 30);
    await expect(step).rejects.toBeInstanceOf(JobCancelledError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

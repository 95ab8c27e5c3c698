// ctx.read: a step that needs no page (a read over HTTP). Retried by the runtime's policy like any
// step, a LayoutError failing at once; and it never asks for a browser, so a bot that only reads a
// public portal over HTTP never starts one.

import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { LayoutError, PortalError, RuntimeBotContext, type Evidence, type PortalSession } from '../../../../bots/sdk';

function context(): { ctx: RuntimeBotContext; browsersAsked: () => number } {
  let asked = 0;
  const ctx = new RuntimeBotContext({
    botId: 'test.read', runDir: '/nonexistent',
    browser: async () => {
      asked++;
      throw new Error('no browser in this test');
    },
    session: { baseUrl: 'http://portal.test', portal: { id: 'test' } } as unknown as PortalSession,
    // Evidence of a read is its kept bytes: nothing may be captured from a page.
    log: pino({ level: 'silent' }), evidence: {} as Evidence, signal: new AbortController().signal,
    retry: { attempts: 4, baseMs: 1, maxMs: 2 }, trace: false,
  });
  return { ctx, browsersAsked: () => asked };
}

describe('ctx.read', () => {
  it('retries a portal fault and returns what the read gave, without a browser', async () => {
    const { ctx, browsersAsked } = context();
    let tries = 0;
    const value = await ctx.read('search', async () => {
      if (++tries < 3) throw new PortalError('503 at /search', 503);
      return 'page';
    });
    expect(value).toBe('page');
    expect(tries).toBe(3);
    expect(browsersAsked()).toBe(0);
  });

  it('gives up after the policy\'s attempts with the last fault', async () => {
    const { ctx } = context();
    let tries = 0;
    await expect(ctx.read('search', async () => {
      tries++;
      throw new PortalError('429 Too Many Requests at /search', 429, 1);
    })).rejects.toThrow(/429/u);
    expect(tries).toBe(4);
  });

  it('fails at once on a LayoutError, with no screenshot taken', async () => {
    const { ctx, browsersAsked } = context();
    let tries = 0;
    await expect(ctx.read('detail', async () => {
      tries++;
      throw new LayoutError('#base-info', 'http://portal.test/company/detail', 'no 基本信息 table');
    })).rejects.toBeInstanceOf(LayoutError);
    expect(tries).toBe(1);
    expect(browsersAsked()).toBe(0);
  });
});

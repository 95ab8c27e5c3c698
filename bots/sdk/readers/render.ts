// The render reader: a real navigation in a browser page (`ctx.goto` classifies the answer with
// the portal's login page and busy text). For pages built by script, for what must be clicked, and
// wherever a person's browser is the only thing the portal answers. Within the run's pace when
// the portal limits our rate, like the HTTP reader's requests.

import type { Page, Response } from 'playwright-core';
import type { BotContext } from '../context';
import { PortalError } from '../errors';
import type { PageAnswer } from './page-answer';
import type { RequestPacer } from './request-pacer';

/**
 * `ctx.goto(page, url)` in its turn of `pacer`: a 429 slows every request of the run down.
 *
 * @example
 * await ctx.step(`lookup ${code}`, async (page) => { await gotoPaced(ctx, page, url, pacer); … }, page);
 */
export async function gotoPaced(ctx: Pick<BotContext, 'goto' | 'signal'>, page: Page, url: string, pacer?: RequestPacer): Promise<Response | null> {
  await pacer?.take(ctx.signal);
  try {
    return await ctx.goto(page, url);
  } catch (err) {
    if (err instanceof PortalError && err.status === 429) pacer?.throttled(err.retryAfterMs ?? 1_000);
    throw err;
  }
}

/** What a navigation received, byte for byte (the document, not what scripts made of it), e.g. to keep it as evidence. */
export async function answerOf(response: Response): Promise<PageAnswer> {
  const headers = response.headers();
  return {
    url: response.url(),
    status: response.status(),
    contentType: headers['content-type'] ?? null,
    retryAfter: headers['retry-after'] ?? null,
    bytes: new Uint8Array(await response.body()),
    fetchedAt: new Date().toISOString(),
  };
}

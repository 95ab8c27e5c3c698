import type { Page } from 'playwright-core';
import type { BotContext } from '../sdk';

const BLOCKED = new Set(['image', 'font', 'media']);

/**
 * At most `max` rendering pages, opened on first need: a run whose documents are all read over
 * HTTP and which renders no evidence never opens one. Callers wait for a free page. Images, fonts
 * and media are blocked on them: they read, they are never screenshotted as they load (evidence
 * is rendered from stored bytes, which serve themselves).
 */
export class PagePool {
  private readonly free: Page[] = [];
  private readonly all: Page[] = [];
  private readonly waiting: ((page: Page) => void)[] = [];
  private opening = 0;

  constructor(private readonly ctx: BotContext, private readonly max: number) {}

  async use<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.acquire();
    try {
      return await fn(page);
    } finally {
      this.release(page);
    }
  }

  private async acquire(): Promise<Page> {
    const free = this.free.pop();
    if (free) return free;
    if (this.all.length + this.opening < this.max) {
      this.opening++;
      try {
        const page = await this.ctx.newPage();
        // On the rendering pages only (registry portal.ts: no context route, the fetches stay off Node).
        await page.route('**/*', (route) => (BLOCKED.has(route.request().resourceType()) ? route.abort() : route.continue()));
        this.all.push(page);
        return page;
      } finally {
        this.opening--;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(page: Page): void {
    const next = this.waiting.shift();
    if (next) next(page);
    else this.free.push(page);
  }

  get opened(): number {
    return this.all.length;
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((page) => page.close().catch(() => undefined)));
  }
}

import type { Page } from 'playwright-core';
import type { BotContext } from '../sdk';

const BLOCKED = new Set(['image', 'font', 'media']);

/** A page for navigations: images, fonts and media blocked unless an evidence screenshot is due. */
export interface WorkerPage {
  page: Page;
  allowAll: boolean;
}

/**
 * At most `max` rendering pages, opened on first need: a run whose documents are all read by
 * fetch and which takes no screenshot never opens one. Callers wait for a free page.
 */
export class PagePool {
  private readonly free: WorkerPage[] = [];
  private readonly all: WorkerPage[] = [];
  private readonly waiting: ((wp: WorkerPage) => void)[] = [];
  private opening = 0;

  constructor(private readonly ctx: BotContext, private readonly max: number) {}

  async use<T>(fn: (wp: WorkerPage) => Promise<T>): Promise<T> {
    const wp = await this.acquire();
    try {
      return await fn(wp);
    } finally {
      this.release(wp);
    }
  }

  private async acquire(): Promise<WorkerPage> {
    const free = this.free.pop();
    if (free) return free;
    if (this.all.length + this.opening < this.max) {
      this.opening++;
      try {
        const wp: WorkerPage = { page: await this.ctx.newPage(), allowAll: false };
        // On the rendering pages only (registry portal.ts: no context route, the fetches stay off Node).
        await wp.page.route('**/*', (route) =>
          !wp.allowAll && BLOCKED.has(route.request().resourceType()) ? route.abort() : route.continue(),
        );
        this.all.push(wp);
        return wp;
      } finally {
        this.opening--;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(wp: WorkerPage): void {
    const next = this.waiting.shift();
    if (next) next(wp);
    else this.free.push(wp);
  }

  get opened(): number {
    return this.all.length;
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((wp) => wp.page.close().catch(() => undefined)));
  }
}

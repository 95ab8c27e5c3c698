// One browser page rendering evidence screenshots (EvidenceRenderer), renewed every RENEW_AFTER
// screenshots: a page navigated hundreds of times holds on to more and more (its renderer's caches,
// the client's objects for every request it routed), and the worker's whole tree must stay under
// 1 GB in the 10,000-account run (docs/benchmarks.md section 5). A new page costs ~0.1 s, once per
// hundred screenshots.
//
// Example:
//   const page = await EvidencePage.open(context, runDir);
//   await page.render(record.pages[0], path.join(runDir, file));
//   await page.close();

import type { BrowserContext } from 'playwright-core';
import type { StoredPage } from '../../../bots/records';
import { EvidenceRenderer } from './evidence-renderer';

const RENEW_AFTER = 100;

export class EvidencePage {
  private renders = 0;

  private constructor(private readonly context: BrowserContext, private readonly runDir: string, private renderer: EvidenceRenderer) {}

  static async open(context: BrowserContext, runDir: string): Promise<EvidencePage> {
    return new EvidencePage(context, runDir, await EvidenceRenderer.open(await context.newPage(), runDir));
  }

  /** Renders `ref` (full page) into `outFile`, on a fresh page every RENEW_AFTER screenshots. */
  async render(ref: StoredPage, outFile: string): Promise<void> {
    if (this.renders >= RENEW_AFTER) {
      await this.renderer.close();
      this.renderer = await EvidenceRenderer.open(await this.context.newPage(), this.runDir);
      this.renders = 0;
    }
    this.renders++;
    await this.renderer.render(ref, outFile);
  }

  close(): Promise<void> {
    return this.renderer.close();
  }
}

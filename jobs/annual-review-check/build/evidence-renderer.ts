// Screenshots of kept registry pages, many in one browser page: what renderStoredPage does for one
// page (the document served from its stored bytes, its stylesheets from the copies kept once per
// run, nothing else fetched — no request reaches the registry), with the interception installed
// once per page instead of once per screenshot. Turning request interception on and off costs
// DevTools round trips and drops the page's caches each time: rendering one evidence screenshot
// took about twice as long that way (scripts/bench, issue #17 item 7).
//
// Example:
//   const renderer = await EvidenceRenderer.open(await context.newPage(), runDir);
//   await renderer.render(record.pages[0], path.join(runDir, 'evidence/registry.company/registry-9131….png'));

import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Page, Route } from 'playwright-core';
import type { StoredPage } from '../../../bots/records';
import { readStoredPage, stylesheetFile } from '../../../bots/sdk/stored-pages';

const gunzipAsync = promisify(gunzip);
const withoutFragment = (url: string): string => url.split('#')[0]!;

interface Current {
  url: string;
  body: Buffer;
  contentType: string;
  /** The stored file's folder: its stylesheets are kept beside it. */
  folder: string;
}

export class EvidenceRenderer {
  private current: Current | undefined;
  /** Stylesheets already read (a run keeps a handful, every page links the same). */
  private readonly stylesheets = new Map<string, Promise<Buffer>>();

  private constructor(private readonly page: Page, private readonly runDir: string) {}

  /** `page` serves only stored bytes from now on (until it is closed). */
  static async open(page: Page, runDir: string): Promise<EvidenceRenderer> {
    const renderer = new EvidenceRenderer(page, runDir);
    await page.route('**/*', (route) => renderer.serve(route));
    return renderer;
  }

  /** Renders `ref` (full page) into `outFile`; the bytes are checked against the sha256 recorded when they were read. */
  async render(ref: StoredPage, outFile: string): Promise<void> {
    // Only a web address is served from the store: a file: URL would be read by the browser itself.
    if (!/^https?:$/u.test(new URL(ref.url).protocol)) throw new Error(`stored page ${ref.file}: ${JSON.stringify(ref.url)} is not an http(s) address`);
    const body = await readStoredPage(this.runDir, ref); // also refuses a file outside the run folder
    this.current = { url: withoutFragment(ref.url), body, contentType: ref.contentType ?? 'text/html', folder: path.dirname(path.resolve(this.runDir, ref.file)) };
    try {
      await this.page.goto(ref.url, { waitUntil: 'load' });
      await mkdir(path.dirname(outFile), { recursive: true, mode: 0o700 });
      await this.page.screenshot({ path: outFile, fullPage: true });
    } finally {
      this.current = undefined;
    }
  }

  close(): Promise<void> {
    return this.page.close().catch(() => undefined);
  }

  private async serve(route: Route): Promise<void> {
    const request = route.request();
    const current = this.current;
    if (!current) return route.abort('blockedbyclient');
    if (request.isNavigationRequest() && withoutFragment(request.url()) === current.url) {
      return route.fulfill({ status: 200, contentType: current.contentType, body: current.body });
    }
    const stylesheet = path.join(current.folder, stylesheetFile(request.url()));
    if (request.resourceType() === 'stylesheet' && existsSync(stylesheet)) {
      let css = this.stylesheets.get(stylesheet);
      if (!css) this.stylesheets.set(stylesheet, (css = readFile(stylesheet).then((raw) => (stylesheet.endsWith('.gz') ? gunzipAsync(raw) : raw))));
      return route.fulfill({ status: 200, contentType: 'text/css', body: await css });
    }
    return route.abort('blockedbyclient');
  }
}

// Pages a bot read, kept byte for byte in the run folder (gzip, with the sha256 of the bytes as
// received): the evidence of what the portal said, from which a screenshot can be rendered later
// without asking the portal again (render-stored-page.ts). With each page's stylesheets, fetched
// once per run however many pages use them.
//
// Example:
//   const store = new PageStore(ctx.runDir, `pages/${ctx.botId}`, (url) => reader.fetch(url).then((r) => r.answer));
//   const ref = await store.keep(`registry-${code}`, answer, doc);   // → { url, file, sha256, fetchedAt, contentType }
//   // Many pages in flight: go on reading while each is written; wait before the record leaves.
//   const pages = [await store.keepInBackground(`registry-${code}`, answer, doc)];
//   await store.written(pages);

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { StoredPage } from '../../records';
import { safeName } from '../evidence';
import type { HtmlDocument } from '../readers/html-document';
import type { PageAnswer } from '../readers/page-answer';
import { sha256Hex } from './write-page-file';
import { PageKeeper } from './page-keeper';

export { sha256Hex };

/** Fetches a stylesheet once for the store (paced like any request), or null when it cannot. */
export type StylesheetSource = (url: string) => Promise<Pick<PageAnswer, 'status' | 'bytes'> | null>;

/** Where a stylesheet's bytes are kept under the store's folder: named by its URL, so a renderer finds them without an index. */
export function stylesheetFile(url: string): string {
  return path.join('assets', `${sha256Hex(new TextEncoder().encode(url)).slice(0, 32)}.css.gz`);
}

export class PageStore {
  private readonly stylesheets = new Map<string, Promise<void>>();
  /** Gzips and writes each page, on a thread of its own once a run keeps many (page-keeper.ts). */
  private readonly keeper = new PageKeeper();
  /** Pages being written, by file (relative to the run folder). */
  private readonly writing = new Map<string, Promise<void>>();

  /**
   * @param runDir the run folder (files are named relative to it)
   * @param folder the store's folder inside it, e.g. `pages/registry.company`
   * @param fetchStylesheet how to fetch a stylesheet a page links (none: pages are kept without them)
   */
  constructor(private readonly runDir: string, readonly folder: string, private readonly fetchStylesheet?: StylesheetSource) {}

  /** Keeps `answer`'s bytes as `<name>.html.gz` (and, once per run, the stylesheets `doc` links); resolves once written. */
  async keep(name: string, answer: PageAnswer, doc?: HtmlDocument): Promise<StoredPage> {
    const page = await this.keepInBackground(name, answer, doc);
    await this.written([page]);
    return page;
  }

  /**
   * `keep`, but resolves before the page is on disk, so a bot goes on reading while it is written
   * (on the keeper's thread, page-keeper.ts: a lookup no longer waits for that thread twice a
   * lookup). The caller must `await written(pages)` before anything reads the file or a record
   * naming it leaves the bot.
   */
  async keepInBackground(name: string, answer: PageAnswer, doc?: HtmlDocument): Promise<StoredPage> {
    const file = path.join(this.folder, `${safeName(name)}.html.gz`);
    const sha256 = sha256Hex(answer.bytes);
    this.writeInBackground(file, answer.bytes);
    if (doc) await this.keepStylesheets(doc);
    return { url: answer.url, file, sha256, fetchedAt: answer.fetchedAt, contentType: answer.contentType };
  }

  /** Waits until every page of `pages` kept by this store is on disk; rejects with a write's error. */
  async written(pages: readonly Pick<StoredPage, 'file'>[]): Promise<void> {
    for (const page of pages) await this.writing.get(page.file);
  }

  /** Waits for the pages still being written (the keeper's own wait), then ends the keeper's thread. */
  close(): Promise<void> {
    return this.keeper.close();
  }

  /** A write under way until it succeeds; a failed one stays, so `written` and `close` rethrow it. */
  private writeInBackground(file: string, bytes: Uint8Array): Promise<void> {
    const writing = this.keeper.write(path.join(this.runDir, file), bytes);
    this.writing.set(file, writing);
    writing.then(() => {
      if (this.writing.get(file) === writing) this.writing.delete(file);
    }, () => undefined);
    return writing;
  }

  /** Each stylesheet URL once per run (a retried extraction finds the ones kept before). A failed fetch is not retried: the page renders unstyled. */
  private async keepStylesheets(doc: HtmlDocument): Promise<void> {
    const fetchStylesheet = this.fetchStylesheet;
    if (!fetchStylesheet) return;
    // link[rel~="stylesheet"][href], by a walk (HtmlDocument.byTag): asked of every page kept.
    const urls = doc.byTag('link')
      .filter((link) => link.hasAttribute('href') && (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/u).includes('stylesheet'))
      .map((link) => new URL(link.getAttribute('href')!, doc.url).href);
    await Promise.all(urls.map((url) => {
      let kept = this.stylesheets.get(url);
      if (!kept) {
        const file = path.join(this.folder, stylesheetFile(url));
        kept = existsSync(path.join(this.runDir, file))
          ? Promise.resolve()
          : fetchStylesheet(url).then(async (answer) => { if (answer && answer.status === 200) await this.writeInBackground(file, answer.bytes); }, () => undefined);
        this.stylesheets.set(url, kept);
      }
      return kept;
    }));
  }
}

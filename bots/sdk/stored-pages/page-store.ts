// Pages a bot read, kept byte for byte in the run folder (gzip, with the sha256 of the bytes as
// received): the evidence of what the portal said, from which a screenshot can be rendered later
// without asking the portal again (render-stored-page.ts). With each page's stylesheets, fetched
// once per run however many pages use them.
//
// Example:
//   const store = new PageStore(ctx.runDir, `pages/${ctx.botId}`, (url) => reader.fetch(url).then((r) => r.answer));
//   const ref = await store.keep(`registry-${code}`, answer, doc);   // → { url, file, sha256, fetchedAt, contentType }

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import type { StoredPage } from '../../records';
import { makeFolderOf, writeFileAtomicInFolder } from '../atomic-write';
import { safeName } from '../evidence';
import type { HtmlDocument } from '../readers/html-document';
import type { PageAnswer } from '../readers/page-answer';

/**
 * Fastest gzip level, on the calling thread: a page of the registry is tens of KB, compressed in
 * well under a millisecond; the default level and zlib's async stream (a thread-pool hop and its
 * stream machinery per page) cost several times that in CPU for a file a few percent smaller.
 */
const gzipFast = (bytes: Uint8Array): Buffer => gzipSync(bytes, { level: constants.Z_BEST_SPEED });

/** Fetches a stylesheet once for the store (paced like any request), or null when it cannot. */
export type StylesheetSource = (url: string) => Promise<Pick<PageAnswer, 'status' | 'bytes'> | null>;

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Where a stylesheet's bytes are kept under the store's folder: named by its URL, so a renderer finds them without an index. */
export function stylesheetFile(url: string): string {
  return path.join('assets', `${sha256Hex(new TextEncoder().encode(url)).slice(0, 32)}.css.gz`);
}

export class PageStore {
  private readonly stylesheets = new Map<string, Promise<void>>();
  /** Folders made (or found) once per store, not once per page. */
  private readonly folders = new Map<string, Promise<void>>();

  /**
   * @param runDir the run folder (files are named relative to it)
   * @param folder the store's folder inside it, e.g. `pages/registry.company`
   * @param fetchStylesheet how to fetch a stylesheet a page links (none: pages are kept without them)
   */
  constructor(private readonly runDir: string, readonly folder: string, private readonly fetchStylesheet?: StylesheetSource) {}

  /** Keeps `answer`'s bytes as `<name>.html.gz` (and, once per run, the stylesheets `doc` links). */
  async keep(name: string, answer: PageAnswer, doc?: HtmlDocument): Promise<StoredPage> {
    const file = path.join(this.folder, `${safeName(name)}.html.gz`);
    await this.write(file, answer.bytes);
    if (doc) await this.keepStylesheets(doc);
    return { url: answer.url, file, sha256: sha256Hex(answer.bytes), fetchedAt: answer.fetchedAt, contentType: answer.contentType };
  }

  /** Whole or not at all (a crash mid-write leaves no half page under a name a record may hold). */
  private async write(file: string, bytes: Uint8Array): Promise<void> {
    const target = path.join(this.runDir, file);
    const gzipped = gzipFast(bytes);
    await this.folderOf(target);
    try {
      await writeFileAtomicInFolder(target, gzipped);
    } catch (error) {
      // The folder went away since it was made (a clean-up mid-run): make it again, once.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.folders.delete(path.dirname(target));
      await this.folderOf(target);
      await writeFileAtomicInFolder(target, gzipped);
    }
  }

  /** Makes `file`'s folder the first time a page goes in it; a failure is not remembered (the next page tries again). */
  private folderOf(file: string): Promise<void> {
    const dir = path.dirname(file);
    let made = this.folders.get(dir);
    if (!made) {
      made = makeFolderOf(file);
      this.folders.set(dir, made);
      made.catch(() => this.folders.delete(dir));
    }
    return made;
  }

  /** Each stylesheet URL once per run (a retried extraction finds the ones kept before). A failed fetch is not retried: the page renders unstyled. */
  private async keepStylesheets(doc: HtmlDocument): Promise<void> {
    const fetchStylesheet = this.fetchStylesheet;
    if (!fetchStylesheet) return;
    const urls = doc.all('link[rel~="stylesheet"][href]').map((link) => new URL(link.getAttribute('href')!, doc.url).href);
    await Promise.all(urls.map((url) => {
      let kept = this.stylesheets.get(url);
      if (!kept) {
        const file = path.join(this.folder, stylesheetFile(url));
        kept = existsSync(path.join(this.runDir, file))
          ? Promise.resolve()
          : fetchStylesheet(url).then((answer) => (answer && answer.status === 200 ? this.write(file, answer.bytes) : undefined), () => undefined);
        this.stylesheets.set(url, kept);
      }
      return kept;
    }));
  }
}

// A screenshot of a page kept by a PageStore, rendered from its stored bytes: the document is
// served to the browser from the file (its own URL, so relative links resolve), its stylesheets
// from the copies the store kept once per run, and nothing else is fetched — rendering evidence
// costs the portal no request, however many pages are rendered.
//
// Example:
//   await renderStoredPage(page, runDir, record.pages[0], path.join(runDir, 'evidence/registry.company/registry-9131….png'));

import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Page, Route } from 'playwright-core';
import type { StoredPage } from '../../records';
import { sha256Hex, stylesheetFile } from './page-store';

const gunzipAsync = promisify(gunzip);

/** A stored file's bytes as received (gunzipped when the file is `.gz`). */
async function storedBytes(file: string): Promise<Buffer> {
  const raw = await readFile(file);
  return file.endsWith('.gz') ? gunzipAsync(raw) : raw;
}

/** `ref.file` inside the run folder: a record read back from disk must not lead anywhere else. */
function storedFile(runDir: string, ref: StoredPage): string {
  const root = path.resolve(runDir);
  const file = path.resolve(root, ref.file);
  if (path.isAbsolute(ref.file) || !file.startsWith(root + path.sep)) throw new Error(`stored page ${JSON.stringify(ref.file)} is not inside the run folder`);
  return file;
}

/** The stored bytes of `ref`, checked against the sha256 recorded when they were received. */
export async function readStoredPage(runDir: string, ref: StoredPage): Promise<Buffer> {
  const bytes = await storedBytes(storedFile(runDir, ref));
  const sha256 = sha256Hex(bytes);
  if (sha256 !== ref.sha256) throw new Error(`${ref.file}: sha256 ${sha256} is not the ${ref.sha256} recorded when ${ref.url} was read`);
  return bytes;
}

const withoutFragment = (url: string): string => url.split('#')[0]!;

/**
 * Renders `ref` in `page` (full page, the page's viewport) and writes the screenshot to `outFile`.
 * Its stylesheets come from the PageStore's folder (the stored file's folder). Scripts in the
 * document run; what they would fetch is refused, like images and fonts.
 */
export async function renderStoredPage(page: Page, runDir: string, ref: StoredPage, outFile: string): Promise<void> {
  // Only a web address is served from the store: a file: URL would be read by the browser itself.
  if (!/^https?:$/u.test(new URL(ref.url).protocol)) throw new Error(`stored page ${ref.file}: ${JSON.stringify(ref.url)} is not an http(s) address`);
  const body = await readStoredPage(runDir, ref);
  const documentUrl = withoutFragment(ref.url);
  const serve = async (route: Route): Promise<void> => {
    const request = route.request();
    if (request.isNavigationRequest() && withoutFragment(request.url()) === documentUrl) {
      return route.fulfill({ status: 200, contentType: ref.contentType ?? 'text/html', body });
    }
    const stylesheet = path.join(path.dirname(storedFile(runDir, ref)), stylesheetFile(request.url()));
    if (request.resourceType() === 'stylesheet' && existsSync(stylesheet)) {
      return route.fulfill({ status: 200, contentType: 'text/css', body: await storedBytes(stylesheet) });
    }
    return route.abort('blockedbyclient');
  };
  await page.route('**/*', serve);
  try {
    await page.goto(ref.url, { waitUntil: 'load' });
    await mkdir(path.dirname(outFile), { recursive: true, mode: 0o700 });
    await page.screenshot({ path: outFile, fullPage: true });
  } finally {
    await page.unroute('**/*', serve);
  }
}

// PageStore keeps a page byte for byte (gzip, sha256 of the bytes as received) and each stylesheet
// it links once per run; reading a kept page back checks it against its sha256 and never leaves
// the run folder.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HtmlDocument, type PageAnswer } from '../../../../bots/sdk/readers';
import { PageStore, readStoredPage, renderStoredPage, sha256Hex, stylesheetFile } from '../../../../bots/sdk/stored-pages';

const answerOf = (html: string | Buffer, url = 'https://registry.test/company/detail?code=X1'): PageAnswer => ({
  url, status: 200, contentType: 'text/html; charset=GBK', retryAfter: null,
  bytes: new Uint8Array(typeof html === 'string' ? Buffer.from(html) : html), fetchedAt: '2025-10-31T01:02:03.000Z',
});

describe('PageStore and stored pages', () => {
  let runDir: string;
  beforeEach(async () => {
    runDir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-pages-'));
  });
  afterEach(() => rm(runDir, { recursive: true, force: true }));

  it('keeps the exact bytes gzipped, named, with the sha256 of the bytes as received', async () => {
    const bytes = iconv.encode('<html><head><title>企业信用信息</title></head><body>甲乙</body></html>', 'gbk');
    const store = new PageStore(runDir, 'pages/registry.company');
    const ref = await store.keep('registry-X1', answerOf(bytes));
    expect(ref).toEqual({ url: 'https://registry.test/company/detail?code=X1', file: 'pages/registry.company/registry-X1.html.gz', sha256: sha256Hex(bytes), fetchedAt: '2025-10-31T01:02:03.000Z', contentType: 'text/html; charset=GBK' });
    expect(gunzipSync(await readFile(path.join(runDir, ref.file))).equals(bytes)).toBe(true);
    expect((await readStoredPage(runDir, ref)).equals(bytes)).toBe(true);
  });

  it('makes its folder once and again when it was removed mid-run, keeping every page whole', async () => {
    const store = new PageStore(runDir, 'pages/registry.company');
    const first = await store.keep('registry-A', answerOf('<html>A</html>'));
    await rm(path.join(runDir, 'pages'), { recursive: true });
    const second = await store.keep('registry-B', answerOf('<html>B</html>'));
    const third = await store.keep('registry-C', answerOf('<html>C</html>'));
    expect(first.file).toBe('pages/registry.company/registry-A.html.gz');
    expect(gunzipSync(await readFile(path.join(runDir, second.file))).toString()).toBe('<html>B</html>');
    expect(gunzipSync(await readFile(path.join(runDir, third.file))).toString()).toBe('<html>C</html>');
  });

  it('fetches each linked stylesheet once per run, however many pages link it, and keeps it where a renderer finds it', async () => {
    const asked: string[] = [];
    const store = new PageStore(runDir, 'pages/p', async (url) => {
      asked.push(url);
      return { status: 200, bytes: new TextEncoder().encode('body{color:red}') };
    });
    const html = '<html><head><link rel="stylesheet" href="/css/site.css"><link rel="icon" href="/favicon.ico"></head><body></body></html>';
    for (const n of [1, 2, 3]) {
      const answer = answerOf(html, `https://registry.test/company/detail?code=X${n}`);
      await store.keep(`registry-X${n}`, answer, HtmlDocument.of(answer));
    }
    expect(asked).toEqual(['https://registry.test/css/site.css']);
    const kept = gunzipSync(await readFile(path.join(runDir, 'pages/p', stylesheetFile('https://registry.test/css/site.css'))));
    expect(kept.toString()).toBe('body{color:red}');
    // A later run's store (a retried extraction) finds it kept and asks nothing.
    const again = new PageStore(runDir, 'pages/p', async (url) => {
      asked.push(url);
      return null;
    });
    const answer = answerOf(html);
    await again.keep('registry-X9', answer, HtmlDocument.of(answer));
    expect(asked).toHaveLength(1);
  });

  it('refuses a kept page whose bytes are not those recorded, or that lies outside the run folder, or a file: address', async () => {
    const store = new PageStore(runDir, 'pages/p');
    const ref = await store.keep('registry-X1', answerOf('<p>a</p>'));
    await writeFile(path.join(runDir, ref.file), Buffer.from('not gzip'));
    await expect(readStoredPage(runDir, ref)).rejects.toThrow();
    const other = await store.keep('registry-X2', answerOf('<p>b</p>'));
    await expect(readStoredPage(runDir, { ...other, sha256: 'ab'.repeat(32) })).rejects.toThrow(/is not the abab/u);
    await expect(readStoredPage(runDir, { ...other, file: '../outside.html' })).rejects.toThrow(/not inside the run folder/u);
    await expect(readStoredPage(runDir, { ...other, file: '/etc/passwd' })).rejects.toThrow(/not inside the run folder/u);
    // Refused before the page is touched: no browser needed to prove it.
    await expect(renderStoredPage({} as Page, runDir, { ...other, url: 'file:///etc/passwd' }, path.join(runDir, 'x.png'))).rejects.toThrow(/not an http\(s\) address/u);
  });
});

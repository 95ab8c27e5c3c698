// PageKeeper writes kept pages on a thread of its own once a run has many, inline before that;
// either way a page is on disk whole when its write resolves, and a failed write rejects naming
// the file. PageStore.keepInBackground hands a page's reference back at once and `written` waits.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PageAnswer } from '../../../../bots/sdk/readers';
import { PageStore, sha256Hex } from '../../../../bots/sdk/stored-pages';
import { PageKeeper } from '../../../../bots/sdk/stored-pages/page-keeper';

/** Writes pages (inline, into `dir`) until the keeper's thread is up (~0.5 s from source). */
async function untilThreaded(keeper: PageKeeper, dir: string): Promise<void> {
  for (let n = 0; !keeper.threaded && n < 400; n++) {
    await keeper.write(path.join(dir, `warm${n}.html.gz`), page(n));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(keeper.threaded).toBe(true);
}

const page = (n: number): Uint8Array => new TextEncoder().encode(`<html><body>第${n}页 ${'x'.repeat(n * 37)}</body></html>`);

describe('PageKeeper', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-keeper-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes inline until its thread is ready, then on the thread; every page whole on disk once its write resolves', async () => {
    const keeper = new PageKeeper(2);
    const byThread: number[] = [];
    try {
      // Pages keep coming while the thread starts (~0.5 s from source): none waits for it.
      for (let n = 0; n < 400 && byThread.length < 30; n++) {
        const threaded = keeper.threaded;
        await keeper.write(path.join(dir, 'pages', `p${n}.html.gz`), page(n));
        if (threaded) byThread.push(n);
        else await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(byThread.length).toBe(30);
      const inline = byThread[0]!;
      expect(inline).toBeGreaterThan(1);
      for (const n of [0, 1, inline - 1, ...byThread]) {
        expect(gunzipSync(await readFile(path.join(dir, 'pages', `p${n}.html.gz`))).equals(Buffer.from(page(n)))).toBe(true);
      }
    } finally {
      await keeper.close();
    }
    expect(keeper.threaded).toBe(false);
  });

  it('a write that fails on the thread rejects naming the file, keeping the system code; later writes go on', async () => {
    const keeper = new PageKeeper(1);
    try {
      await untilThreaded(keeper, dir);
      await writeFile(path.join(dir, 'not-a-folder'), 'a file');
      const target = path.join(dir, 'not-a-folder', 'p.html.gz');
      await expect(keeper.write(target, page(1))).rejects.toMatchObject({ message: expect.stringContaining(target), code: 'EEXIST' });   // mkdir finds a file where the folder goes
      await keeper.write(path.join(dir, 'after.html.gz'), page(2));
      expect(gunzipSync(await readFile(path.join(dir, 'after.html.gz'))).equals(Buffer.from(page(2)))).toBe(true);
    } finally {
      await keeper.close();
    }
  });

  it('when its thread dies, what the thread held fails with it; every later page is written inline', async () => {
    const keeper = new PageKeeper(1);
    try {
      await untilThreaded(keeper, dir);
      // As an out-of-memory kill would: the thread ends with pages still in its hands.
      const held = [1, 2, 3].map((n) => keeper.write(path.join(dir, `held${n}.html.gz`), page(n)));
      await (keeper as unknown as { thread: { terminate(): Promise<number> } }).thread.terminate();
      const settled = await Promise.allSettled(held);
      expect(settled.every((s) => s.status === 'fulfilled' || /page keeper's thread exited/u.test(String(s.reason)))).toBe(true);
      expect(keeper.threaded).toBe(false);
      await keeper.write(path.join(dir, 'after.html.gz'), page(9));
      expect(gunzipSync(await readFile(path.join(dir, 'after.html.gz'))).equals(Buffer.from(page(9)))).toBe(true);
    } finally {
      await keeper.close();
    }
  });
});

describe('PageStore.keepInBackground', () => {
  let runDir: string;
  beforeEach(async () => {
    runDir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-background-'));
  });
  afterEach(() => rm(runDir, { recursive: true, force: true }));

  const answerOf = (bytes: Uint8Array): PageAnswer => ({ url: 'https://registry.test/d', status: 200, contentType: 'text/html', retryAfter: null, bytes, fetchedAt: '2025-10-31T01:02:03.000Z' });

  it('names the page and its sha256 at once; `written` resolves when every page is on disk', async () => {
    const store = new PageStore(runDir, 'pages/bot');
    const refs = await Promise.all([1, 2, 3].map((n) => store.keepInBackground(`p${n}`, answerOf(page(n)))));
    expect(refs.map((r) => r.sha256)).toEqual([1, 2, 3].map((n) => sha256Hex(page(n))));
    await store.written(refs);
    for (const [i, ref] of refs.entries()) expect(gunzipSync(await readFile(path.join(runDir, ref.file))).equals(Buffer.from(page(i + 1)))).toBe(true);
    await store.close();
  });

  it('a page that could not be written makes `written` reject naming it: no record names a missing file', async () => {
    const store = new PageStore(runDir, 'pages/bot');
    await writeFile(path.join(runDir, 'pages'), 'a file where the folder should be');
    const ref = await store.keepInBackground('p1', answerOf(page(1)));
    await expect(store.written([ref])).rejects.toThrow(/pages\/bot\/p1\.html\.gz/u);
    await store.close();
  });
});

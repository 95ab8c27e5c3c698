import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { z } from 'zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BotRuntime, defineBot, definePortal, IncompleteExtractionError, INTERNAL_LOGIN_FORM, LayoutError, launchBrowser, requireElement, runBot } from '../../../bots/sdk';
import { esc } from '../../../fixtures/kit/html';
import { pageRequest, pager, slicePage } from '../../../fixtures/kit/pagination';
import { PortalApp } from '../../../fixtures/kit/portal-app';

const PASSWORD = 'Pa55-w0rd-known-to-the-test';
const ROWS = Array.from({ length: 55 }, (_, i) => ({ id: `R${i + 1}`, name: `第${i + 1}行` }));

/** A small portal with the bank's login form and a paginated list, faults switchable per test. */
function createPortal(): PortalApp {
  const portal = new PortalApp({ id: 'sdk-test', name: '测试系统', login: { username: 'ops01', password: PASSWORD } });
  portal.app.get('/items', portal.requireLogin((req, res, s) => {
    const pr = pageRequest(req.query, 10);
    const rows = portal.faults.settings.truncatePages ? slicePage(ROWS, pr).slice(0, -1) : slicePage(ROWS, pr);
    portal.page(res, '列表', `<table class="grid" id="items"><tbody>${rows.map((r) => `<tr><td>${esc(r.id)}</td><td>${esc(r.name)}</td></tr>`).join('')}</tbody></table>
${pager(ROWS.length, pr, new URLSearchParams(), '/items')}`, s);
  }));
  return portal;
}

const testPortal = definePortal({
  id: 'sdk-test', title: '测试系统', loginForm: INTERNAL_LOGIN_FORM,
});

const itemsBot = defineBot({
  id: 'sdk-test.items', title: '测试列表', version: '1.0.0', portal: testPortal,
  input: z.object({}), record: z.object({ id: z.string(), name: z.string() }),
  async *run(ctx) {
    for (let pageNo = 1, pages = 1; pageNo <= pages; pageNo++) {
      const { rows, total } = await ctx.step(`page ${pageNo}`, async (page) => {
        await ctx.goto(page, `/items?page=${pageNo}&size=10`);
        const table = await requireElement(page, 'table.grid', 2_000);
        const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
        const total = Number(/共 (\d+) 条/.exec((await page.locator('.pager .total').textContent()) ?? '')?.[1]);
        return { rows, total };
      });
      if (pageNo === 1) { ctx.expectTotal(total); pages = Math.ceil(total / 10); }
      for (const [id, name] of rows) yield { id: id!, name: name! };
    }
  },
});

let browser: Browser;
let portal: PortalApp;
const runtime = () => new BotRuntime(async () => browser, () => ({ url: portal.url, username: 'ops01', password: PASSWORD }), pino({ level: 'silent' }));
const runDir = () => mkdtempSync(path.join(os.tmpdir(), 'opsbot-sdk-'));
const records = (dir: string) => readFileSync(path.join(dir, 'sources/sdk-test.items.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? allFiles(path.join(dir, n)) : [path.join(dir, n)]));
}

/** Every byte an artifact holds, trace zips unpacked, to search for secrets. */
async function artifactTexts(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const f of allFiles(dir)) {
    const buf = readFileSync(f);
    out.push(buf.toString('utf8'));
    if (f.endsWith('.zip')) {
      const zip = await JSZip.loadAsync(buf);
      for (const e of Object.values(zip.files)) if (!e.dir) out.push((await e.async('nodebuffer')).toString('utf8'));
    }
  }
  return out;
}

/** Every session id the test portal issues, in order (see the secrets check of the layout test). */
const issuedSessionIds: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  portal = createPortal();
  const create = portal.sessions.create.bind(portal.sessions);
  portal.sessions.create = (user) => {
    const session = create(user);
    issuedSessionIds.push(session.id);
    return session;
  };
  await portal.listen(0);
});
afterAll(async () => {
  await portal?.close();
  await browser?.close();
});
beforeEach(() => {
  portal.faults.reset();
  portal.sessions.dropAll();
  issuedSessionIds.length = 0;
});

describe('bot runtime against a real portal in the real browser', () => {
  it('reads every page once, with one login', async () => {
    const rt = runtime();
    const dir = runDir();
    const r = await runBot(rt, itemsBot, {}, { runDir: dir });
    expect(r).toMatchObject({ count: 55, expected: 55 });
    expect(records(dir)).toEqual(ROWS);
    expect(rt.session(testPortal).logins).toBe(1);
  });

  it('logs in again when the portal drops the session mid-pagination, and loses nothing', async () => {
    const rt = runtime();
    portal.faults.set({ dropSessionsAfter: 3 });
    const dir = runDir();
    await runBot(rt, itemsBot, {}, { runDir: dir });
    expect(records(dir)).toEqual(ROWS);
    expect(rt.session(testPortal).logins).toBe(2);
  });

  it('retries 5xx answers with backoff and still returns the complete data', async () => {
    portal.faults.set({ errorRate: 0.3 });
    const dir = runDir();
    await runBot(runtime(), itemsBot, {}, { runDir: dir });
    expect(records(dir)).toEqual(ROWS);
  });

  it('fails a truncated extraction instead of returning a silent partial result', async () => {
    portal.faults.set({ truncatePages: true });
    const dir = runDir();
    await expect(runBot(runtime(), itemsBot, {}, { runDir: dir })).rejects.toThrow(IncompleteExtractionError);
    expect(allFiles(dir).filter((f) => f.endsWith('.jsonl'))).toEqual([]);
  });

  it('stops at a layout change with evidence (screenshot, HTML, trace) naming the selector, and no secret in any artifact', async () => {
    portal.faults.set({ layoutVariant: true });
    const dir = runDir();
    const err = await runBot(runtime(), itemsBot, {}, { runDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LayoutError);
    expect((err as LayoutError).message).toMatch(/selector "table.grid" no longer matches on http:\/\/127\.0\.0\.1:\d+\/items/);
    const evidence = (err as LayoutError).evidence;
    expect(evidence.some((f) => f.endsWith('.png'))).toBe(true);
    expect(evidence.some((f) => f.endsWith('.html'))).toBe(true);
    expect(evidence.some((f) => f.endsWith('.trace.zip'))).toBe(true);
    // The session ids the portal handed out in this test (login form and logged in): the bot's
    // browser context is closed by now, so they are taken from the portal's side.
    const cookies = issuedSessionIds.splice(0);
    expect(cookies.length, 'session cookies to look for').toBeGreaterThan(1);
    const texts = await artifactTexts(dir);
    expect(texts.length).toBeGreaterThan(3);
    for (const t of texts) {
      expect(t).not.toContain(PASSWORD);
      for (const cookie of cookies) expect(t).not.toContain(cookie);
      expect(t).not.toMatch(/JSESSIONID=[0-9a-f]{8}/);
    }
  });
});

// registry.company reading documents without rendering them (HTTP with the browser's session, parsed in Node):
// the same answers as rendered pages, the fallback to navigation for pages built by script,
// rate limits and session loss survived, and each lookup's page kept byte for byte, from which
// evidence is rendered later without a request to the registry.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RegistryCompanyRecord, RegistryLookupResult } from '../../../bots/records';
import registryCompany from '../../../bots/registry/company.bot';
import { BotRuntime, definePortal, INTERNAL_LOGIN_FORM, runBot, type AnyBot } from '../../../bots/sdk';
import { chromiumExecutable, QUIET_FLAGS } from '../../../bots/sdk/browser';
import { servedCompaniesOf } from '../../../fixtures/generator/registry-companies';
import { generatedReviewSource } from '../../../fixtures/generator/review-accounts';
import { rngFor } from '../../../fixtures/generator/rng';
import { buildWorld } from '../../../fixtures/generator/world';
import { useRegistrySuite } from './registry-suite';
import { startBrowserOnlyRegistry, startLoginGateway, startScriptBuiltRegistry } from './registry-fronts';
import { expectKeptPages, withoutPages } from './registry-records';
import { renderStoredPage } from '../../../bots/sdk/stored-pages';

const world = buildWorld(7, 'small');
// As the registry shows them: the record with its 经营异常 / 严重违法失信 lists, all read by the bot.
const companies = [...servedCompaniesOf(world)];
const found = (company: RegistryCompanyRecord): RegistryLookupResult => ({ uscc: company.uscc, outcome: 'found', company });

interface Run {
  /** The records, the pages they kept set aside (`raw` has them). */
  records: RegistryLookupResult[];
  raw: RegistryLookupResult[];
  logs: { msg: string; [k: string]: unknown }[];
  runtime: BotRuntime;
}

/** Runs the bot as a worker would (own runtime and login), keeping the run folder and the log lines. */
async function runRegistry(browser: Browser | (() => Promise<Browser>), bot: AnyBot, endpoint: { url: string; username?: string; password?: string }, input: unknown, runDir: string): Promise<Run> {
  const logs: Run['logs'] = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { logs.push(JSON.parse(chunk.toString()) as Run['logs'][number]); done(); } });
  const runtime = new BotRuntime(typeof browser === 'function' ? browser : async () => browser, () => endpoint, pino({ level: 'info' }, sink));
  const result = await runBot(runtime, bot, input, { runDir });
  const text = await readFile(path.join(runDir, result.file), 'utf8');
  const raw = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as RegistryLookupResult);
  return { records: raw.map(withoutPages), raw, logs, runtime };
}

describe('registry.company: documents read without rendering', () => {
  const reg = useRegistrySuite(world);
  let runDir: string;
  beforeEach(async () => {
    runDir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-registry-fetch-'));
    return () => rm(runDir, { recursive: true, force: true });
  });

  it('gives the same records as rendered pages: found (基本信息, 变更记录 = stated total), notFound, failed', async () => {
    const unknown = generatedReviewSource(world).unknownCode(rngFor('registry-fetch-test'));
    const sample = [...companies.filter((c) => c.changes.length > 0).slice(0, 8), ...companies.filter((c) => c.changes.length === 0).slice(0, 4)];
    const codes = [...sample.map((c) => c.uscc), unknown];
    const fetched = await runRegistry(reg.browser, registryCompany, { url: reg.url }, { uscc: codes }, path.join(runDir, 'fetch'));
    const rendered = await runRegistry(reg.browser, registryCompany, { url: reg.url }, { uscc: codes, render: true }, path.join(runDir, 'render'));
    expect(fetched.records).toEqual([...sample.map(found), { uscc: unknown, outcome: 'notFound' }]);
    expect(fetched.records).toEqual(rendered.records);
    // Both keep the page that answered each lookup, the same bytes however it was read.
    await expectKeptPages(path.join(runDir, 'fetch'), fetched.raw);
    await expectKeptPages(path.join(runDir, 'render'), rendered.raw);
    const kept = (r: RegistryLookupResult) => (r.outcome === 'failed' ? undefined : r.pages?.map((p) => [p.file, p.sha256]));
    expect(fetched.raw.map(kept)).toEqual(rendered.raw.map(kept));
    // Nothing was rendered in fetch mode: no fallback was logged.
    expect(fetched.logs.filter((l) => /rendered page/u.test(l.msg))).toEqual([]);

    reg.portal.faults.set({ down: true });
    const failedFetched = await runRegistry(reg.browser, registryCompany, { url: reg.url }, { uscc: [codes[0]] }, path.join(runDir, 'down-fetch'));
    const failedRendered = await runRegistry(reg.browser, registryCompany, { url: reg.url }, { uscc: [codes[0]], render: true }, path.join(runDir, 'down-render'));
    expect(failedFetched.records).toEqual([{ uscc: codes[0], outcome: 'failed', error: expect.stringContaining('503') }]);
    expect(failedRendered.records).toEqual([{ uscc: codes[0], outcome: 'failed', error: expect.stringContaining('503') }]);
  });

  it('falls back to navigation when the pages are built by script, says so once, and reads them right', async () => {
    const front = await startScriptBuiltRegistry(reg.url);
    try {
      const sample = companies.slice(34, 42);
      expect(sample).toHaveLength(8);
      const { records, logs } = await runRegistry(reg.browser, registryCompany, { url: front.url }, { uscc: sample.map((c) => c.uscc) }, runDir);
      expect(records).toEqual(sample.map(found));
      const fallback = logs.filter((l) => /lacks what a rendered page shows/u.test(l.msg));
      expect(fallback).toHaveLength(1);
      expect(fallback[0]).toMatchObject({ reason: expect.stringContaining('#no-result nor #result-list') });
      // After a few lookups that all needed rendering, documents are no longer tried.
      expect(logs.filter((l) => /every further lookup by navigation/u.test(l.msg))).toHaveLength(1);
    } finally {
      await front.close();
    }
  });

  it('reads every lookup by navigation when the browser reaches the registry but Node does not (a name only the browser resolves), and says so once', async () => {
    // As behind a bank's proxy or with its CA only in the system store: here Chromium maps the
    // name to the fixture, Node's resolver knows no such host.
    const browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: [...QUIET_FLAGS, '--no-sandbox', '--host-resolver-rules=MAP registry.opsbot-test 127.0.0.1'] });
    try {
      const url = reg.url.replace('127.0.0.1', 'registry.opsbot-test');
      const sample = companies.slice(12, 18);
      const { records, logs } = await runRegistry(browser, registryCompany, { url }, { uscc: sample.map((c) => c.uscc) }, runDir);
      expect(records).toEqual(sample.map(found));
      expect(logs.filter((l) => /answers the browser but not a direct request/u.test(l.msg))).toHaveLength(1);
    } finally {
      await browser.close();
    }
  });

  it('reads a public registry without starting a browser, and says who asks', async () => {
    let browsers = 0;
    const agents = new Set<string>();
    reg.portal.app.use((req) => {
      agents.add(req.raw.headers['user-agent'] ?? '');
      return false;
    });
    const sample = companies.slice(50, 56);
    const { records } = await runRegistry(async () => {
      browsers++;
      return reg.browser;
    }, registryCompany, { url: reg.url }, { uscc: sample.map((c) => c.uscc) }, runDir);
    expect(records).toEqual(sample.map(found));
    expect(browsers).toBe(0);
    expect([...agents]).toEqual(['Mozilla/5.0 (compatible; opsbot registry.company)']);
  });

  it('opens the registry in the browser and reads with its session when the registry refuses a plain request', async () => {
    const front = await startBrowserOnlyRegistry(reg.url);
    try {
      let browsers = 0;
      const sample = companies.slice(56, 60);
      const { records, logs } = await runRegistry(async () => {
        browsers++;
        return reg.browser;
      }, registryCompany, { url: front.url }, { uscc: sample.map((c) => c.uscc) }, runDir);
      expect(records).toEqual(sample.map(found));
      expect(browsers).toBeGreaterThan(0);
      // Refused once (the probe), then every read carried the browser's User-Agent.
      expect(front.refused()).toBe(1);
      expect(logs.filter((l) => /does not answer a plain request/u.test(l.msg))).toEqual([expect.objectContaining({ why: expect.stringContaining('403') })]);
    } finally {
      await front.close();
    }
  });

  it('429 storm: the portal limited to 3 requests/s, the default pace and in-flight count, every lookup completes in order', async () => {
    reg.portal.faults.set({ rateLimitPerSecond: 3, busyRate: 0 });
    const sample = companies.slice(22, 34);
    expect(sample).toHaveLength(12);
    const { records, logs } = await runRegistry(reg.browser, registryCompany, { url: reg.url }, { uscc: sample.map((c) => c.uscc) }, runDir);
    expect(records).toEqual(sample.map(found));
    expect(logs.some((l) => /429/u.test(String(l.err ?? '')))).toBe(true);
  });

  it('session dropped mid-run behind a login gateway: logs in again and completes', async () => {
    const login = { username: 'ops01', password: 'gateway-test-only' };
    const front = await startLoginGateway(reg.url, login);
    // The same bot, its portal behind the bank's login (the shared login page object).
    const gatedPortal = definePortal({
      id: 'registry', title: '国家企业信用信息公示系统（网关）', loginForm: INTERNAL_LOGIN_FORM,
    });
    const gatedBot = { ...registryCompany, portal: gatedPortal } as unknown as AnyBot;
    try {
      front.gateway.faults.set({ dropSessionsAfter: 15 });
      const sample = companies.slice(30, 50);
      expect(sample).toHaveLength(20);
      const { records, logs, runtime } = await runRegistry(reg.browser, gatedBot, { url: front.url, ...login }, { uscc: sample.map((c) => c.uscc) }, runDir);
      if (process.env.DEBUG_TEST) console.log(logs.map((l) => JSON.stringify(l)).join('\n'));
      expect(records).toEqual(sample.map(found));
      expect(runtime.session(gatedPortal).logins).toBeGreaterThanOrEqual(2);
      expect(logs.some((l) => /session expired; logging in again/u.test(l.msg))).toBe(true);
    } finally {
      await front.close();
    }
  });

  it("keeps each lookup's detail page; a screenshot rendered from it asks the registry nothing and shows the page's own pixels", async () => {
    const [same, changed] = companies.filter((c) => c.status === '存续' && c.operatingUntil === '长期');
    const { records, raw } = await runRegistry(reg.browser, registryCompany, { url: reg.url }, { uscc: [same!.uscc, changed!.uscc] }, runDir);
    expect(records).toEqual([found(same!), found(changed!)]);
    await expectKeptPages(runDir, raw);
    // The bot judges nothing and renders nothing unasked: no screenshot in its records.
    expect(raw.map((r) => r.outcome === 'found' && r.company.evidence)).toEqual([undefined, undefined]);
    const kept = raw[1]!.outcome === 'found' ? raw[1]!.pages![0]! : undefined;
    // Every request the registry gets from here on reaches this counter (no limit, no busy page answers first).
    reg.portal.faults.set({ busyRate: 0, rateLimitPerSecond: 0 });
    const asked: string[] = [];
    let counting = true;
    reg.portal.app.use((req) => {
      if (counting) asked.push(req.path);
      return false;
    });
    const context = await reg.browser.newContext({ baseURL: reg.url });
    try {
      const page = await context.newPage();
      const shotFile = path.join(runDir, 'evidence/registry.company/registry-rendered.png');
      await renderStoredPage(page, runDir, kept!, shotFile);
      expect(asked).toEqual([]);
      counting = false;
      // The same detail page navigated to here, at the same size, gives the same pixels.
      await page.goto(`/company/detail?${new URLSearchParams({ code: changed!.uscc, tab: 'base' })}`);
      expect(await page.locator('#base-info').textContent()).toContain(changed!.legalRepresentative);
      expect((await readFile(shotFile)).equals(await page.screenshot({ fullPage: true }))).toBe(true);
    } finally {
      await context.close();
    }
  });
});

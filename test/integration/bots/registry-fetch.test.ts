// registry.company reading documents without rendering them (HTTP with the browser's session, parsed in Node):
// the same answers as rendered pages, the fallback to navigation for pages built by script,
// rate limits and session loss survived, and evidence rendered for the flagged companies only.

import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RegistryCompanyRecord, RegistryLookupResult, ReviewAccountRecord } from '../../../bots/records';
import registryCompany from '../../../bots/registry/company.bot';
import { BotRuntime, definePortal, INTERNAL_LOGIN_FORM, runBot, type AnyBot } from '../../../bots/sdk';
import { chromiumExecutable, QUIET_FLAGS } from '../../../bots/sdk/browser';
import { registryCompaniesOf } from '../../../fixtures/generator/registry-companies';
import { generatedReviewSource } from '../../../fixtures/generator/review-accounts';
import { rngFor } from '../../../fixtures/generator/rng';
import { buildWorld } from '../../../fixtures/generator/world';
import { useRegistrySuite } from './registry-suite';
import { startLoginGateway, startScriptBuiltRegistry } from './registry-fronts';

const world = buildWorld(7, 'small');
const companies = [...registryCompaniesOf(world)];
const found = (company: RegistryCompanyRecord): RegistryLookupResult => ({ uscc: company.uscc, outcome: 'found', company });

interface Run {
  records: RegistryLookupResult[];
  logs: { msg: string; [k: string]: unknown }[];
  runtime: BotRuntime;
}

/** Runs the bot as a worker would (own runtime and login), keeping the run folder and the log lines. */
async function runRegistry(browser: Browser, bot: AnyBot, endpoint: { url: string; username?: string; password?: string }, input: unknown, runDir: string): Promise<Run> {
  const logs: Run['logs'] = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { logs.push(JSON.parse(chunk.toString()) as Run['logs'][number]); done(); } });
  const runtime = new BotRuntime(async () => browser, () => endpoint, pino({ level: 'info' }, sink));
  const result = await runBot(runtime, bot, input, { runDir });
  const text = await readFile(path.join(runDir, result.file), 'utf8');
  return { records: text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as RegistryLookupResult), logs, runtime };
}

const withoutEvidence = (r: RegistryLookupResult): RegistryLookupResult => {
  if (r.outcome !== 'found') return r;
  const { evidence: _evidence, ...company } = r.company;
  return { ...r, company };
};

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

  it("evidence 'flagged': only the flagged company is rendered, and its screenshot is its detail page", async () => {
    const [same, changed] = companies.filter((c) => c.status === '存续' && c.operatingUntil === '长期');
    const account = (c: RegistryCompanyRecord, no: string, legalRepresentative: string): ReviewAccountRecord => ({
      accountNo: no, name: c.name, uscc: c.uscc, legalRepresentative, branch: null, accountType: null,
      registeredCapital: null, address: null, businessScope: null, licenseExpiry: null, relationshipManager: null,
    });
    await mkdir(path.join(runDir, 'sources'), { recursive: true });
    const accounts = [account(same!, 'A1', same!.legalRepresentative), account(changed!, 'A2', `${changed!.legalRepresentative}某`)];
    await writeFile(path.join(runDir, 'sources/accounts.jsonl'), accounts.map((a) => JSON.stringify(a)).join('\n'));
    const { records } = await runRegistry(reg.browser, registryCompany, { url: reg.url }, { accountsFile: 'sources/accounts.jsonl', evidenceFor: 'flagged', reviewDate: '2025-10-31' }, runDir);
    expect(records.map(withoutEvidence)).toEqual([found(same!), found(changed!)]);
    const [a, b] = records;
    expect(a?.outcome === 'found' && a.company.evidence).toBeFalsy();
    const evidence = b?.outcome === 'found' ? b.company.evidence : undefined;
    expect(evidence).toMatch(/^evidence\/registry\.company\/registry-.+\.png$/u);
    // The same detail page rendered here, at the same size, gives the same pixels.
    const shot = await readFile(path.join(runDir, evidence!));
    const context = await reg.browser.newContext({ baseURL: reg.url });
    try {
      const page = await context.newPage();
      reg.portal.faults.set({ busyRate: 0 });
      await page.goto(`/company/detail?${new URLSearchParams({ code: changed!.uscc, tab: 'base' })}`);
      expect(await page.locator('#base-info').textContent()).toContain(changed!.legalRepresentative);
      expect(shot.equals(await page.screenshot({ fullPage: true }))).toBe(true);
    } finally {
      await context.close();
    }
  });
});

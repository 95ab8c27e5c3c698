import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import amlAlerts from '../../../bots/aml/alerts.bot';
import { BotRuntime, launchBrowser, runBot } from '../../../bots/sdk';
import { amlAlertsOf } from '../../../fixtures/generator/aml-alerts';
import { buildWorld } from '../../../fixtures/generator/world';
import type { PortalApp } from '../../../fixtures/kit/portal-app';
import { createAmlPortal } from '../../../fixtures/portals/aml/server';

const world = buildWorld(11, 'small');
const date = '2025-03-04';
const login = { username: 'ops01', password: 'aml-progress-pw' };

/**
 * The CLI shows a bot's progress as "done / total". The AML bot reads two queries (D's alerts, then
 * the older backlog); it used to report the first query's total as the whole ("74 / 74") and then
 * store more (105). Every report must carry the total that is finally stored.
 */
describe('aml.alerts progress', () => {
  let browser: Browser;
  let portal: PortalApp;
  let url: string;
  let runDir: string;
  beforeAll(async () => {
    portal = createAmlPortal(world, login);
    url = await portal.listen(0);
    browser = await launchBrowser();
    runDir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-aml-progress-'));
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await rm(runDir, { recursive: true, force: true });
  });

  it('reports the final total from its first report on, and ends at the stored count', async () => {
    const expected = [...amlAlertsOf(world, date)];
    // Both queries have rows (else there is nothing to get wrong), and several pages of 10.
    expect(expected.filter((a) => !a.createdAt.startsWith(date)).length).toBeGreaterThan(0);
    expect(expected.filter((a) => a.createdAt.startsWith(date)).length).toBeGreaterThan(10);
    const runtime = new BotRuntime(async () => browser, () => ({ url, ...login }), pino({ level: 'silent' }));
    const reports: { done: number; total?: number }[] = [];
    const result = await runBot(runtime, amlAlerts, { date, pageSize: 10 }, { runDir, onProgress: (done, total) => reports.push({ done, total }) });
    expect(result.count).toBe(expected.length);
    expect(reports.length).toBeGreaterThan(2);
    expect(reports.filter((r) => r.total !== result.count)).toEqual([]);
    expect(reports.at(-1)).toEqual({ done: result.count, total: result.count });
    expect(reports.map((r) => r.done)).toEqual([...reports.map((r) => r.done)].sort((a, b) => a - b));
  });
});

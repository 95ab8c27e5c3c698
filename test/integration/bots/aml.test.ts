import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import amlAlerts from '../../../bots/aml/alerts.bot';
import { amlPortal } from '../../../bots/aml/portal';
import { IncompleteExtractionError, launchBrowser } from '../../../bots/sdk';
import { amlAlertsOf } from '../../../fixtures/generator/aml-alerts';
import { buildWorld } from '../../../fixtures/generator/world';
import type { PortalApp } from '../../../fixtures/kit/portal-app';
import { createAmlPortal } from '../../../fixtures/portals/aml/server';
import { runFixtureBot } from './portal-bot-harness';

const world = buildWorld(11, 'small');
const date = '2025-03-04';
const login = { username: 'ops01', password: 'aml-test-pw' };
const expected = [...amlAlertsOf(world, date)];

describe('aml.alerts against the AML monitoring fixture', () => {
  let browser: Browser;
  let portal: PortalApp;
  let url: string;
  beforeAll(async () => {
    portal = createAmlPortal(world, login);
    url = await portal.listen(0);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });
  beforeEach(() => {
    portal.faults.reset();
  });
  // Pages of 10: D's alerts of the small bank take two pages, the backlog one or two.
  const run = () => runFixtureBot(browser, amlAlerts, { url, login }, { date, pageSize: 10 });

  it("returns D's alerts and every older one still open at D's end, exactly as generated", async () => {
    const older = expected.filter((a) => !a.createdAt.startsWith(date));
    expect(older.length).toBeGreaterThan(0);
    expect(older.every((a) => a.state === '待处理' && a.handledAt === null)).toBe(true);
    expect(expected.length - older.length).toBeGreaterThan(10);
    const { records, result } = await run();
    expect(result.expected).toBe(expected.length);
    expect(records).toEqual(expected);
  });

  it('reads the layout variant (reordered columns, renamed classes) by header text', async () => {
    portal.faults.set({ layoutVariant: true });
    const { records } = await run();
    expect(records).toEqual(expected);
  });

  it('survives 5xx bursts', async () => {
    portal.faults.set({ errorRate: 0.3 });
    const { records } = await run();
    expect(records).toEqual(expected);
  });

  it('logs in again when the session is dropped between two pages, and reads every row once', async () => {
    // Requests with a session: the landing page after login, page 1, then page 2 → dropped.
    portal.faults.set({ dropSessionsAfter: 3 });
    const { records, runtime } = await run();
    expect(records).toEqual(expected);
    expect(runtime.session(amlPortal).logins).toBe(2);
  });

  it('fails as incomplete on a truncated page', async () => {
    portal.faults.set({ truncatePages: true });
    await expect(run()).rejects.toBeInstanceOf(IncompleteExtractionError);
  });
});

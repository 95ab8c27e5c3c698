// The grid bots read list pages over HTTP with the logged-in session; navigating to every
// page (`navigate: true`, also the fallback for a page the fetch cannot read) gives the same records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import customersBot from '../../../bots/core-banking/customers.bot';
import reconciliationBot from '../../../bots/core-banking/reconciliation.bot';
import { launchBrowser } from '../../../bots/sdk';
import { customersOf } from '../../../fixtures/generator/customers-touched';
import { reconciliationOf } from '../../../fixtures/generator/reconciliation';
import { buildWorld } from '../../../fixtures/generator/world';
import { startHarness, type Harness } from './core-banking-support';

const DATE = '2025-03-05';
const world = buildWorld(23, 'small');
let browser: Browser;
let h: Harness;
/** How each list page was asked for: Chromium's Sec-Fetch-Mode, `navigate` or `cors`/`same-origin` for a fetch. */
let listRequests: { path: string; mode: string }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  h = await startHarness(world, browser);
  h.portal.app.use((req) => {
    if (req.path.endsWith('/list')) listRequests.push({ path: req.path, mode: String(req.headers['sec-fetch-mode'] ?? '') });
    return false;
  });
});
afterAll(async () => {
  await h?.close();
  await browser?.close();
});

describe('core-banking grids: fetched pages = navigated pages', () => {
  it('customers, 20 a page: the same records either way, each page asked for once', async () => {
    const expected = [...customersOf(world, DATE)];
    const pages = Math.ceil(expected.length / 20);
    expect(pages).toBeGreaterThan(5);

    listRequests = [];
    const fetched = await h.run(customersBot, { date: DATE, pageSize: 20 });
    const fetchModes = listRequests.map((r) => r.mode);
    listRequests = [];
    const navigated = await h.run(customersBot, { date: DATE, pageSize: 20, navigate: true });
    const navigateModes = listRequests.map((r) => r.mode);

    expect(fetched.records).toEqual(expected);
    expect(navigated.records).toEqual(expected);
    expect(fetched.result.expected).toBe(expected.length);
    expect(fetchModes).toHaveLength(pages);
    expect(fetchModes.every((m) => m !== 'navigate')).toBe(true);
    expect(navigateModes).toEqual(Array.from({ length: pages }, () => 'navigate'));
  });

  it('reconciliation under 5xx bursts: the failed fetches are read by navigation, nothing lost or doubled', async () => {
    h.portal.faults.set({ errorRate: 0.3 });
    try {
      listRequests = [];
      const { records } = await h.run(reconciliationBot, { date: DATE, pageSize: 10 });
      expect(records).toEqual([...reconciliationOf(world, DATE)]);
      expect(listRequests.some((r) => r.mode === 'navigate')).toBe(true);
    } finally {
      h.portal.faults.reset();
    }
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import complaintsBot from '../../../bots/complaints/complaints.bot';
import { complaintsPortal } from '../../../bots/complaints/portal';
import { IncompleteExtractionError, launchBrowser } from '../../../bots/sdk';
import { complaintsOf } from '../../../fixtures/generator/complaints';
import { buildWorld } from '../../../fixtures/generator/world';
import type { PortalApp } from '../../../fixtures/kit/portal-app';
import { createComplaintsPortal } from '../../../fixtures/portals/complaints/server';
import { runFixtureBot } from './portal-bot-harness';

const world = buildWorld(5, 'small');
const date = '2025-03-04';
const login = { username: 'ops01', password: 'complaints-test-pw' };
const expected = [...complaintsOf(world, date)];

describe('complaints.complaints against the complaints fixture', () => {
  let browser: Browser;
  let portal: PortalApp;
  let url: string;
  beforeAll(async () => {
    portal = createComplaintsPortal(world, login);
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
  // Pages of 10: the small bank's complaints of a day take two list pages.
  const run = () => runFixtureBot(browser, complaintsBot, { url, login }, { date, pageSize: 10, parallel: 3 });

  it('returns every complaint of the date with the times of its detail page, exactly as generated', async () => {
    expect(expected.length).toBeGreaterThan(10);
    const { records, result } = await run();
    expect(result.expected).toBe(expected.length);
    expect(records).toEqual(expected);
  });

  it('fetches each detail page once with the logged-in session, without navigating to it', async () => {
    const modes = new Map<string, string[]>();
    portal.app.use((req) => {
      if (req.path.startsWith('/complaints/')) modes.set(req.path, [...(modes.get(req.path) ?? []), String(req.headers['sec-fetch-mode'] ?? '')]);
      return false;
    });
    const { records } = await run();
    expect(records).toEqual(expected);
    expect([...modes.keys()].sort()).toEqual(expected.map((c) => `/complaints/${encodeURIComponent(c.id)}`).sort());
    expect([...modes.values()].every((m) => m.length === 1 && m[0] !== 'navigate')).toBe(true);
  });

  it('reads the layout variant (reordered list columns and detail rows) by their labels', async () => {
    portal.faults.set({ layoutVariant: true });
    const { records } = await run();
    expect(records).toEqual(expected);
  });

  it('survives 5xx bursts on list and detail pages', async () => {
    portal.faults.set({ errorRate: 0.3 });
    const { records } = await run();
    expect(records).toEqual(expected);
  });

  it('logs in again when the session is dropped while detail pages are read in parallel', async () => {
    // Landing page, two list pages, then the detail pages: the 6th request finds no session.
    portal.faults.set({ dropSessionsAfter: 6 });
    const { records, runtime } = await run();
    expect(records).toEqual(expected);
    expect(runtime.session(complaintsPortal).logins).toBeGreaterThanOrEqual(2);
  });

  it('fails as incomplete when a list page is truncated, before reading any detail page', async () => {
    portal.faults.set({ truncatePages: true });
    const detailRequests: string[] = [];
    portal.app.use((req) => {
      if (req.path.startsWith('/complaints/')) detailRequests.push(req.path);
      return false;
    });
    await expect(run()).rejects.toBeInstanceOf(IncompleteExtractionError);
    expect(detailRequests).toEqual([]);
  });
});

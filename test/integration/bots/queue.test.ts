import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import queueTickets from '../../../bots/queue/tickets.bot';
import { queuePortal } from '../../../bots/queue/portal';
import { IncompleteExtractionError, launchBrowser } from '../../../bots/sdk';
import { queueTicketsOf } from '../../../fixtures/generator/queue-tickets';
import { buildWorld } from '../../../fixtures/generator/world';
import type { PortalApp } from '../../../fixtures/kit/portal-app';
import { createQueuePortal } from '../../../fixtures/portals/queue/server';
import { runFixtureBot } from './portal-bot-harness';

const world = buildWorld(7, 'small');
const date = '2025-03-03';
const login = { username: 'ops01', password: 'queue-test-pw' };
const expected = [...queueTicketsOf(world, date)];

describe('queue.tickets against the queue system fixture', () => {
  let browser: Browser;
  let portal: PortalApp;
  let url: string;
  beforeAll(async () => {
    portal = createQueuePortal(world, login);
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
  const run = () => runFixtureBot(browser, queueTickets, { url, login }, { date });

  it('returns exactly the generated tickets of the date, in order, checked against the stated total', async () => {
    expect(expected.length).toBeGreaterThan(100); // more than two JSON pages: "加载更多" is exercised
    const { records, result } = await run();
    expect(result.expected).toBe(expected.length);
    expect(records).toEqual(expected);
  });

  it('pressing "加载更多" (via: button) gives the same tickets; either way each JSON page is asked for once', async () => {
    const asked: string[] = [];
    portal.app.use((req) => {
      if (req.path === '/api/tickets') asked.push(req.query.get('cursor') ?? '');
      return false;
    });
    const fetched = await run();
    const fetchedAsks = asked.splice(0);
    const clicked = await runFixtureBot(browser, queueTickets, { url, login }, { date, via: 'button' });
    expect(fetched.records).toEqual(expected);
    expect(clicked.records).toEqual(expected);
    const pages = Math.ceil(expected.length / 50);
    expect(new Set(fetchedAsks).size).toBe(pages);
    expect(fetchedAsks).toHaveLength(pages);
    expect(asked).toEqual(fetchedAsks);
  });

  it('survives 5xx bursts on the shell and the JSON calls', async () => {
    portal.faults.set({ errorRate: 0.3 });
    const { records } = await run();
    expect(records).toEqual(expected);
  });

  it('logs in again when the session is dropped between two "加载更多" and still reads every ticket', async () => {
    portal.faults.set({ dropSessionsAfter: 4 });
    const { records, runtime } = await run();
    expect(records).toEqual(expected);
    expect(runtime.session(queuePortal).logins).toBe(2);
  });

  it('is indifferent to the layout variant: it reads the JSON, not the table', async () => {
    portal.faults.set({ layoutVariant: true });
    const { records } = await run();
    expect(records).toEqual(expected);
  });

  it('fails as incomplete when the API leaves tickets out of its pages', async () => {
    portal.faults.set({ truncatePages: true });
    await expect(run()).rejects.toBeInstanceOf(IncompleteExtractionError);
  });
});

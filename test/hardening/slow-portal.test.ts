import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import devicesInspections from '../../bots/devices/inspections.bot';
import { launchBrowser } from '../../bots/sdk';
import { deviceInspectionsOf } from '../../fixtures/generator/device-inspections';
import { buildWorld } from '../../fixtures/generator/world';
import type { PortalApp } from '../../fixtures/kit/portal-app';
import { createDevicesPortal } from '../../fixtures/portals/devices/server';
import { runFixtureBot } from '../integration/bots/portal-bot-harness';

const world = buildWorld(11, 'small');
const date = '2025-03-04';
const login = { username: 'ops01', password: 'slow-portal-pw' };
const expected = [...deviceInspectionsOf(world, date)];
let browser: Browser;
let portal: PortalApp;
let url: string;

beforeAll(async () => {
  portal = createDevicesPortal(world, login);
  url = await portal.listen(0);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

describe('a slow portal', () => {
  it('2 s latency on every page: the bot waits on conditions, not sleeps, and returns every record', async () => {
    portal.faults.set({ latencyMs: 2000 });
    const started = Date.now();
    // Pages of 10: login form, login post and two list pages, each 2 s late.
    const { records, result } = await runFixtureBot(browser, devicesInspections, { url, login }, { date, pageSize: 10 });
    const elapsed = Date.now() - started;
    expect(records).toEqual(expected);
    expect(result).toMatchObject({ count: expected.length, expected: expected.length });
    expect(elapsed).toBeGreaterThanOrEqual(4 * 2000); // the latency really applied
  }, 90_000);
});

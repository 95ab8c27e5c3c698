import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import devicesInspections from '../../../bots/devices/inspections.bot';
import { devicesPortal } from '../../../bots/devices/portal';
import { IncompleteExtractionError, launchBrowser, LayoutError } from '../../../bots/sdk';
import { deviceInspectionsOf } from '../../../fixtures/generator/device-inspections';
import { buildWorld } from '../../../fixtures/generator/world';
import type { PortalApp } from '../../../fixtures/kit/portal-app';
import { createDevicesPortal } from '../../../fixtures/portals/devices/server';
import { runFixtureBot } from './portal-bot-harness';

const world = buildWorld(11, 'small');
const date = '2025-03-04';
const login = { username: 'ops01', password: 'devices-test-pw' };
const expected = [...deviceInspectionsOf(world, date)];

describe('devices.inspections against the device-inspection fixture', () => {
  let browser: Browser;
  let portal: PortalApp;
  let url: string;
  /** Serves a page without the table, as after an unannounced portal upgrade. */
  let tableRemoved = false;
  beforeAll(async () => {
    portal = createDevicesPortal(world, login);
    portal.app.use((req, res) => {
      if (!tableRemoved || !req.path.startsWith('/inspections')) return false;
      res.html('<html><body><p>巡检记录（新版）</p><div class="pager">共 3 条</div></body></html>');
      return true;
    });
    url = await portal.listen(0);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });
  beforeEach(() => {
    portal.faults.reset();
    tableRemoved = false;
  });
  // Pages of 10: the 18 inspections of the small bank take two pages.
  const run = (runDir?: string) => runFixtureBot(browser, devicesInspections, { url, login }, { date, pageSize: 10 }, { runDir });

  it('returns exactly the generated inspections of the date, checked against "共 N 条"', async () => {
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
    expect(runtime.session(devicesPortal).logins).toBe(2);
  });

  it('fails as incomplete on a truncated page', async () => {
    portal.faults.set({ truncatePages: true });
    await expect(run()).rejects.toBeInstanceOf(IncompleteExtractionError);
  });

  it('stops with a LayoutError naming the selector, with a screenshot and the HTML as evidence', async () => {
    tableRemoved = true;
    const runDir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-devices-'));
    try {
      const failure: unknown = await run(runDir).then(() => 'no error', (err: unknown) => err);
      expect(failure).toBeInstanceOf(LayoutError);
      const { message, evidence: files } = failure as LayoutError;
      expect(message).toContain('table#inspection-table');
      expect(files.map((f) => path.extname(f))).toEqual(expect.arrayContaining(['.html', '.png']));
      for (const f of files) expect(existsSync(path.join(runDir, f))).toBe(true);
    } finally {
      await rm(runDir, { recursive: true, force: true });
    }
  });
});

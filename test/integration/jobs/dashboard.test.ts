import { Queue, Worker } from 'bullmq';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../../bots/sdk/browser';
import { startDashboard, type RunningDashboard } from '../../../jobs/runtime/dashboard';
import { bullConnection, QUEUES } from '../../../jobs/runtime/queues';
import { startTestRuntime, type TestRuntime } from '../../helpers/test-runtime';

const ADMIN = { user: 'admin', password: 'admin-pass-1234' };
const VIEWER = { user: 'viewer', password: 'viewer-pass-1234' };

describe('dashboard: Bull Board behind a login, in a real browser', () => {
  let rt: TestRuntime;
  let dash: RunningDashboard;
  let browser: Browser;

  beforeAll(async () => {
    rt = await startTestRuntime({ dashboardAdminPassword: ADMIN.password, dashboardViewerPassword: VIEWER.password });
    // One finished and one failed job in the deliver queue, through a real BullMQ worker.
    const { connection, prefix } = await bullConnection();
    const queue = new Queue(QUEUES.deliver, { connection, prefix });
    const worker = new Worker(QUEUES.deliver, async (job) => {
      if (job.data.fail) throw new Error('smtp refused');
      return { delivered: true };
    }, { connection, prefix });
    await queue.add('deliver', { runId: 'daily-ops-report/2026-02-13/r1' }, { jobId: 'daily-ops-report/2026-02-13/r1/deliver' });
    await queue.add('deliver', { runId: 'daily-ops-report/2026-02-12/r1', fail: true }, { jobId: 'daily-ops-report/2026-02-12/r1/deliver' });
    for (let i = 0; i < 100 && ((await queue.getCompletedCount()) < 1 || (await queue.getFailedCount()) < 1); i++) await new Promise((r) => setTimeout(r, 100));
    await worker.close();
    await queue.close();
    dash = await startDashboard();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await dash?.close();
    await rt.stop();
  });

  async function login(user: string, password: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${dash.url}/board`);
    await page.fill('input[name=username]', user);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    return page;
  }

  it('refuses a missing session and a wrong password', async () => {
    const res = await fetch(`${dash.url}/board/api/queues`, { redirect: 'manual' });
    expect(res.status).toBe(401);
    const page = await login(ADMIN.user, 'wrong-password');
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('用户名或密码错误');
    await page.context().close();
  });

  it('an admin sees the opsbot queues, the finished job, and a retry button on the failed one', async () => {
    const page = await login(ADMIN.user, ADMIN.password);
    await page.waitForURL(/\/board/);
    for (const q of ['triggers', 'bots', 'reports', 'deliver']) await page.getByText(q, { exact: true }).first().waitFor();
    await page.goto(`${dash.url}/board/queue/deliver?status=completed`);
    await page.getByText('daily-ops-report/2026-02-13/r1/deliver').first().waitFor();
    await page.goto(`${dash.url}/board/queue/deliver?status=failed`);
    await page.getByText('daily-ops-report/2026-02-12/r1/deliver').first().waitFor();
    await expect(page.getByRole('button', { name: /retry/i }).count()).resolves.toBeGreaterThan(0);
    await page.context().close();
  });

  it('a viewer gets the read-only board: no retry button, no admin board, and the API refuses changes', async () => {
    const page = await login(VIEWER.user, VIEWER.password);
    await page.waitForURL(/\/view/);
    await page.goto(`${dash.url}/view/queue/deliver?status=failed`);
    await page.getByText('daily-ops-report/2026-02-12/r1/deliver').first().waitFor();
    await expect(page.getByRole('button', { name: /retry/i }).count()).resolves.toBe(0);
    const admin = await page.goto(`${dash.url}/board`);
    expect(admin!.status()).toBe(403);
    const retry = await page.request.put(`${dash.url}/view/api/queues/deliver/retry/failed`);
    expect(retry.ok()).toBe(false);
    await page.context().close();
  });
});

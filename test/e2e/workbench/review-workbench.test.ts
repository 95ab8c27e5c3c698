// Issue 18, item 7: the workbench in a real browser. `opsbot web` runs as a child process on a test
// database; Playwright drives Debian's Chromium through it as a clerk, a checker and a viewer. The
// runs' side goes through the case ledger's own entry (applyRunToCases, what the annual review's
// build calls) with flags as the annual review raises them, so each "run" takes a second rather
// than a browser extraction against the fixture portals.
//
// OPSBOT_UPDATE_DOC_SCREENSHOTS=1 also writes the queue and case page screenshots into docs/images/
// for the ops guide.

import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../../bots/sdk/browser';
import { applyRunToCases, caseFingerprint, type ApplyRunResult, type RunFlag } from '../../../jobs/review/cases';
import type { Severity } from '../../../jobs/runtime/db';
import { freePort } from '../../../jobs/runtime/redis';
import { addUser } from '../../../jobs/runtime/users';
import { REPO, startCli } from '../../helpers/cli-process';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';

const JOB = 'annual-review-check';
const PASSWORD = 'e2e-workbench-pw-1';
const TODAY = '2026-12-07';
const SETTINGS = { slaWorkingDays: { critical: 1, high: 5, medium: 20, low: 60 }, dismissalExpiryDays: 365 };

interface Values { accountNo: string; name: string; field: string; severity: Severity; bankValue: string; registryValue: string }

// Two accounts of branch 001 with a high-severity flag each (four eyes: a checker must approve).
const NAME_FLAG: Values = { accountNo: '6222000000000101', name: '上海甲乙贸易有限公司', field: 'legalRepresentative', severity: 'high', bankValue: '张三', registryValue: '李四' };
const ADDRESS_FLAG: Values = { accountNo: '6222000000000102', name: '上海丙丁科技有限公司', field: 'address', severity: 'high', bankValue: '上海市浦东新区世纪大道100号', registryValue: '上海市徐汇区漕溪北路88号' };

/** The buttons of the decision forms: 提交确认, 提交忽略, 通过, 退回, 升级. */
const DECISION_BUTTONS = /^(提交确认|提交忽略|通过|退回|升级)$/;
const normalise = (v: string | null) => (v ?? '').trim();
function flagOf(v: Values): RunFlag {
  return {
    accountNo: v.accountNo, field: v.field, severity: v.severity, branch: '001', bankValue: v.bankValue, registryValue: v.registryValue,
    fingerprint: caseFingerprint(v, { normalise }),
    flag: { accountNo: v.accountNo, name: v.name, field: v.field, bankValue: v.bankValue, registryValue: v.registryValue, message: '与工商登记不一致' },
  };
}

describe('the review workbench in Chromium', () => {
  let t: TestDatabase;
  let varDir: string;
  let web: ReturnType<typeof startCli>;
  let base: string;
  let browser: Browser;
  const shots = mkdtempSync(path.join(os.tmpdir(), 'opsbot-workbench-shots-'));
  const cases: Record<'name' | 'address', number> = { name: 0, address: 0 };

  const run = (date: string, flags: Values[]): Promise<ApplyRunResult> =>
    applyRunToCases(t.db, { job: JOB, runId: `${JOB}/${date}/r1`, flags: flags.map(flagOf), today: TODAY, config: SETTINGS, covers: () => true });
  const caseRow = (id: number) => t.db.selectFrom('cases').select(['state', 'version', 'superseded_by']).where('id', '=', id).executeTakeFirstOrThrow();
  const caseCount = async () => Number((await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  async function signIn(name: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name="username"]', name);
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type="submit"]')]);
    return { context, page };
  }
  /** The session's CSRF token, as any page's 退出 form carries it. */
  const csrfOn = (page: Page) => page.locator('form[action="/logout"] input[name="_csrf"]').first().inputValue();
  const stateOn = (page: Page) => page.locator('dt:text-is("状态") + dd').innerText();

  beforeAll(async () => {
    t = await startTestDatabase();
    for (const [name, role] of [['wang', 'clerk'], ['li', 'checker'], ['zhou', 'viewer']] as const) {
      await addUser(t.db, { name, role, branches: role === 'viewer' ? [] : ['001'], password: PASSWORD }, 'e2e');
    }
    varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-workbench-var-'));
    const port = await freePort();
    web = startCli(['web', '--port', String(port)], { DATABASE_URL: t.databaseUrl, OPSBOT_VAR_DIR: varDir, OPSBOT_LOG_LEVEL: 'warn' });
    base = (await web.waitFor(/web on (http:\/\/127\.0\.0\.1:\d+)\/login/, 180_000))[1]!;
    browser = await launchBrowser();

    const first = await run('2026-12-04', [NAME_FLAG, ADDRESS_FLAG]);
    expect(first.flags.map((f) => f.status)).toEqual(['new', 'new']);
    [cases.name, cases.address] = first.flags.map((f) => f.caseId) as [number, number];
  });
  afterAll(async () => {
    await browser?.close();
    web?.child.kill('SIGTERM');
    await web?.exited;
    await t?.close();
    await rm(varDir, { recursive: true, force: true });
    await rm(shots, { recursive: true, force: true });
  });

  it('a clerk sees both cases in 我的待办, confirms one and dismisses the other', async () => {
    const { context, page } = await signIn('wang');
    await page.goto(`${base}/`);
    await expect(page.locator(`a[href="/cases/${cases.name}"]`).first().isVisible()).resolves.toBe(true);
    await expect(page.locator(`a[href="/cases/${cases.address}"]`).first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(shots, 'workbench-queue.png'), fullPage: true });

    await page.goto(`${base}/cases/${cases.name}`);
    expect(await page.locator('body').innerText()).toContain('李四');
    await page.screenshot({ path: path.join(shots, 'workbench-case.png'), fullPage: true });
    // What the viewer must not see below: the clerk has them on an open case.
    expect(await page.getByRole('button', { name: DECISION_BUTTONS }).count()).toBeGreaterThanOrEqual(3);
    const confirm = page.locator('form.decision:has(input[name="kind"][value="confirm"])');
    await confirm.locator('select[name="action"]').selectOption({ index: 1 });
    await confirm.locator('textarea[name="comment"]').fill('已核对营业执照，需更正法定代表人');
    await Promise.all([page.waitForURL(/done=/), confirm.locator('button[type="submit"]').click()]);
    expect(await stateOn(page)).toBe('待复核');

    await page.goto(`${base}/cases/${cases.address}`);
    const dismiss = page.locator('form.decision:has(input[name="kind"][value="dismiss"])');
    await dismiss.locator('select[name="reasonCode"]').selectOption('登记机关数据滞后');
    await dismiss.locator('textarea[name="comment"]').fill('客户已办理迁址，登记机关尚未更新');
    await Promise.all([page.waitForURL(/done=/), dismiss.locator('button[type="submit"]').click()]);
    expect(await stateOn(page)).toBe('待复核');
    expect((await caseRow(cases.name)).state).toBe('proposed');
    expect((await caseRow(cases.address)).state).toBe('proposed');

    // The clerk cannot approve their own proposal: no 通过 button, and the POST with a valid token is refused.
    expect(await page.locator(`form[action="/cases/${cases.address}/answer"]`).count()).toBe(0);
    const own = await page.request.post(`${base}/cases/${cases.address}/answer`, {
      form: { _csrf: await csrfOn(page), version: String((await caseRow(cases.address)).version), verdict: 'approve' }, maxRedirects: 0,
    });
    expect(own.status()).toBe(403);
    expect((await caseRow(cases.address)).state).toBe('proposed');

    // A POST without the CSRF token is refused, whoever sends it.
    const noToken = await page.request.post(`${base}/cases/${cases.name}/escalate`, { form: { version: '2', comment: '没有令牌的请求' }, maxRedirects: 0 });
    expect(noToken.status()).toBe(403);
    expect((await caseRow(cases.name)).version).toBe(2);
    await context.close();
  });

  it('a viewer sees no action buttons, and a forged POST is refused with 403', async () => {
    const { context, page } = await signIn('zhou');
    await page.goto(`${base}/cases/${cases.name}`);
    expect(await page.locator('form.decision').count()).toBe(0);
    expect(await page.getByRole('button', { name: DECISION_BUTTONS }).count()).toBe(0);
    const forged = await page.request.post(`${base}/cases/${cases.name}/propose`, {
      form: { _csrf: await csrfOn(page), version: '2', kind: 'dismiss', reasonCode: '其他', comment: '只读用户伪造的请求' }, maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect((await caseRow(cases.name)).version).toBe(2);
    await context.close();
  });

  it('the checker approves both on 待复核', async () => {
    const { context, page } = await signIn('li');
    await page.goto(`${base}/review`);
    for (const id of [cases.name, cases.address]) {
      const approve = page.locator(`form[action="/cases/${id}/answer"]:has(input[name="verdict"][value="approve"])`);
      await Promise.all([page.waitForURL(/done=approved/), approve.locator('button[type="submit"]').click()]);
    }
    expect((await caseRow(cases.name)).state).toBe('confirmed');
    expect((await caseRow(cases.address)).state).toBe('dismissed');
    await page.goto(`${base}/cases/${cases.address}`);
    expect(await stateOn(page)).toBe('已忽略');
    await context.close();
  });

  it('a second run of the same data keeps the dismissal: the flag is dismissed, no new case', async () => {
    const before = await caseCount();
    const second = await run('2026-12-07', [NAME_FLAG, ADDRESS_FLAG]);
    expect(second.flags).toEqual([{ status: 'confirmed', caseId: cases.name }, { status: 'dismissed', caseId: cases.address }]);
    expect(await caseCount()).toBe(before);
    const { context, page } = await signIn('wang');
    await page.goto(`${base}/`);
    // Nothing is waiting for the clerk: both cases are decided.
    expect(await page.locator(`a[href="/cases/${cases.address}"]`).count()).toBe(0);
    await page.goto(`${base}/?state=dismissed`);
    expect(await page.locator(`a[href="/cases/${cases.address}"]`).count()).toBeGreaterThan(0);
    await context.close();
  });

  it('a changed registry value reopens the dismissed flag as a new case', async () => {
    const moved = { ...ADDRESS_FLAG, registryValue: '上海市闵行区七莘路1号' };
    const third = await run('2026-12-08', [NAME_FLAG, moved]);
    const reopened = third.flags[1]!;
    expect(reopened.status).toBe('new');
    expect(reopened.caseId).not.toBe(cases.address);
    expect(await caseRow(cases.address)).toMatchObject({ state: 'superseded', superseded_by: reopened.caseId });
    const { context, page } = await signIn('wang');
    await page.goto(`${base}/`);
    expect(await page.locator(`a[href="/cases/${reopened.caseId}"]`).count()).toBeGreaterThan(0);
    await page.goto(`${base}/cases/${reopened.caseId}`);
    expect(await stateOn(page)).toBe('待处理');
    expect(await page.locator('body').innerText()).toContain('七莘路');
    await context.close();
  });

  it("fixing the bank's value resolves the confirmed case", async () => {
    // The bank now holds the registry's 法定代表人: the run raises no flag for it.
    const moved = { ...ADDRESS_FLAG, registryValue: '上海市闵行区七莘路1号' };
    const fourth = await run('2026-12-09', [moved]);
    expect(fourth.resolved.map((r) => r.caseId)).toEqual([cases.name]);
    expect((await caseRow(cases.name)).state).toBe('resolved');
    const { context, page } = await signIn('li');
    await page.goto(`${base}/cases/${cases.name}`);
    expect(await stateOn(page)).toBe('已解决');
    await context.close();
  });

  it('left screenshots of the queue and the case page (copied into docs/images/ on request)', () => {
    for (const name of ['workbench-queue.png', 'workbench-case.png']) {
      const png = readFileSync(path.join(shots, name));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(10_000);
      if (process.env.OPSBOT_UPDATE_DOC_SCREENSHOTS === '1') copyFileSync(path.join(shots, name), path.join(REPO, 'docs', 'images', name));
    }
  });
});

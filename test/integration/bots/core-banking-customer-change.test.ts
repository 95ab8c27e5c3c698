// core-banking.customer-change (a writing bot) against the real fixture portal in Chromium: it
// never files without an approval id, never files twice (retries, a kill mid-submit, two runs at
// once, an expired session), and hands back the portal's own words when it is refused.
import { spawn } from 'node:child_process';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import customerChangeBot from '../../../bots/core-banking/customer-change.bot';
import { ChangeRejectedError } from '../../../bots/core-banking/customer-change/change-rejected-error';
import type { CustomerChangeResult } from '../../../bots/core-banking/customer-change/change-input';
import { CustomerChangePage } from '../../../bots/core-banking/pages/customer-change.page';
import { coreBankingPortal } from '../../../bots/core-banking/portal';
import type { ReviewAccountRecord } from '../../../bots/records';
import { BotRuntime, launchBrowser, NonRetryableError, runBot, type BotContext } from '../../../bots/sdk';
import { reviewAccountsOf } from '../../../fixtures/generator/review-accounts';
import { buildWorld } from '../../../fixtures/generator/world';
import type { PortalApp } from '../../../fixtures/kit/portal-app';
import { accountBookOf } from '../../../fixtures/portals/core-banking/customer-change-accounts';
import { CustomerChangeDesk } from '../../../fixtures/portals/core-banking/customer-change-desk';
import { createCoreBankingPortal } from '../../../fixtures/portals/core-banking/server';
import { REPO, waitUntil } from '../../helpers/cli-process';

const LOGIN = { username: 'ops01', password: 'cc-bot-test-password' };
const world = buildWorld(11, 'small');
const accounts: ReviewAccountRecord[] = [...reviewAccountsOf(world, '2026-12-04')].slice(0, 6);
const account = accounts[0]!;
const NEW_ADDRESS = '广东省深圳市南山区科技园南路88号';

let browser: Browser;
let portal: PortalApp;
let desk: CustomerChangeDesk;
let url: string;
const dirs: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await portal?.close();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh portal and desk per test: what arrived is exactly what this test sent. */
async function freshPortal(): Promise<void> {
  desk = new CustomerChangeDesk(accountBookOf(accounts));
  portal = createCoreBankingPortal(world, LOGIN, { customerChange: desk });
  url = await portal.listen(0);
}

function newRuntime(): BotRuntime {
  return new BotRuntime(async () => browser, () => ({ url, ...LOGIN }), pino({ level: process.env.BOT_TEST_LOG ?? 'silent' }));
}

async function runDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-cc-'));
  dirs.push(dir);
  return dir;
}

/** Runs the bot as a worker would; resolves to its one record, or rejects with its error. */
async function change(input: Record<string, unknown>, runtime = newRuntime()): Promise<CustomerChangeResult & { runDir: string }> {
  const dir = await runDir();
  const result = await runBot(runtime, customerChangeBot, input, { runDir: dir });
  const records = (await readFile(path.join(dir, result.file), 'utf8')).split('\n').filter(Boolean);
  expect(records).toHaveLength(1);
  return { ...(JSON.parse(records[0]!) as CustomerChangeResult), runDir: dir };
}

const submit = (caseId: number, extra: Record<string, unknown> = {}) =>
  ({ caseId, accountNo: account.accountNo, field: 'address', newValue: NEW_ADDRESS, mode: 'submit', approvalId: 900 + caseId, ...extra });

async function refusal(input: Record<string, unknown>): Promise<ChangeRejectedError> {
  const err = await change(input).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ChangeRejectedError);
  return err as ChangeRejectedError;
}

describe('core-banking.customer-change', () => {
  it('dry-run fills the form, keeps a screenshot and submits nothing', async () => {
    await freshPortal();
    const out = await change({ caseId: 1, accountNo: account.accountNo, field: 'address', newValue: NEW_ADDRESS, mode: 'dry-run' });
    expect(out.requestNo).toBeUndefined();
    expect(out.screenshot).toMatch(/^evidence\/core-banking\.customer-change\/case-1-dry-run\.png$/);
    const png = await readFile(path.join(out.runDir, out.screenshot));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(desk.requests).toEqual([]);
  });

  it('masks every customer field in screenshots except the one being changed', async () => {
    await freshPortal();
    const runtime = newRuntime();
    const context = await browser.newContext({ baseURL: url, storageState: await runtime.session(coreBankingPortal).storageState(browser) });
    try {
      const page = await context.newPage();
      const ctx = { portal: coreBankingPortal, goto: (p: typeof page, to: string) => p.goto(to) } as unknown as BotContext;
      const form = new CustomerChangePage(ctx, page, '/custchg');
      await form.open(account.accountNo);
      const masked = await Promise.all(form.personalData('address').map((l) => l.evaluateAll((els) => els.map((e) => e.id || e.tagName))));
      const ids = masked.flat();
      expect(ids).toEqual(expect.arrayContaining(['f-name', 'f-legalRepresentative', 'f-registeredCapital', 'f-businessScope', 'f-licenseExpiry', 'info-account-no', 'info-uscc', 'account-no']));
      expect(ids).not.toContain('f-address');
      expect(ids).not.toContain('f-remark');
    } finally {
      await context.close();
    }
  });

  it('submit without an approval id is refused before the portal is touched', async () => {
    await freshPortal();
    const err = await change(submit(2, { approvalId: undefined })).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(NonRetryableError);
    expect((err as Error).message).toMatch(/approvalId: submit mode needs the approval id/);
    expect(desk.requests).toEqual([]);
  });

  it('submits once and returns the 申请编号, with the case and approval in the remark', async () => {
    await freshPortal();
    const out = await change(submit(3));
    expect(desk.requests).toHaveLength(1);
    const [request] = desk.requests;
    expect(out).toMatchObject({ requestNo: request!.requestNo });
    expect(out.existing).toBeUndefined();
    expect(request).toMatchObject({ accountNo: account.accountNo, changes: { address: NEW_ADDRESS }, remark: 'opsbot 年检差异更正 [case:3] [approval:903]' });
    await access(path.join(out.runDir, out.screenshot));
    // Run again (a retried job): the pending request is found, nothing new is filed.
    const again = await change(submit(3));
    expect(again).toMatchObject({ requestNo: request!.requestNo, existing: true });
    expect(desk.requests).toHaveLength(1);
  });

  it('a request the back office approved before the retry is found too: nothing new is filed', async () => {
    await freshPortal();
    const first = await change(submit(12));
    desk.approve(first.requestNo!);
    expect(desk.pending('[case:12]')).toEqual([]);
    const again = await change(submit(12));
    expect(again).toMatchObject({ requestNo: first.requestNo, existing: true });
    expect(desk.requests).toHaveLength(1);
  });

  it('a timeout after the click (504, the request recorded): retried, exactly one request, its number found', async () => {
    await freshPortal();
    desk.faults.set({ gatewayTimeoutAfterRecord: 1 });
    const out = await change(submit(4));
    expect(desk.faults.settings.gatewayTimeoutAfterRecord).toBe(0);
    expect(desk.requests).toHaveLength(1);
    expect(out).toMatchObject({ requestNo: desk.requests[0]!.requestNo, existing: true });
  });

  it('the session expiring mid-form: logs in again and files exactly one request', async () => {
    await freshPortal();
    const runtime = newRuntime();
    desk.faults.set({ expireSessionOnSubmit: 1 });
    const out = await change(submit(5), runtime);
    expect(desk.faults.settings.expireSessionOnSubmit).toBe(0);
    expect(runtime.session(coreBankingPortal).logins).toBe(2);
    expect(desk.requests).toHaveLength(1);
    expect(out).toMatchObject({ requestNo: desk.requests[0]!.requestNo });
    expect(out.existing).toBeUndefined();
  });

  it('two submits at once for one case: one request, both runs return its number (the duplicate guard protects)', async () => {
    await freshPortal();
    // A slow core: both submits are in flight before either is recorded, so both searches found
    // nothing and only the portal's duplicate guard stands between them and a second request.
    desk.faults.set({ stallBeforeRecordMs: 1_500 });
    const [a, b] = await Promise.all([change(submit(6)), change(submit(6))]);
    expect(desk.requests).toHaveLength(1);
    expect(desk.duplicatesRefused).toBe(1);
    expect(a.requestNo).toBe(desk.requests[0]!.requestNo);
    expect(b.requestNo).toBe(desk.requests[0]!.requestNo);
    expect([a.existing, b.existing].filter(Boolean)).toHaveLength(1);
  });

  it('killed (SIGKILL) between the submit and its answer, then run again: one request, its number found', async () => {
    await freshPortal();
    desk.faults.set({ stallAfterRecordMs: 120_000 });
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'test/integration/bots/customer-change-child.ts')], {
      cwd: REPO,
      env: { ...process.env, CHANGE_PORTAL: JSON.stringify({ url, ...LOGIN }), CHANGE_INPUT: JSON.stringify(submit(7)), CHANGE_RUN_DIR: await runDir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      expect(await waitUntil(() => desk.requests.length === 1 || child.exitCode !== null, 120_000), output).toBe(true);
      expect(child.exitCode, output).toBeNull();
      child.kill('SIGKILL');
      await exited;
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    expect(child.signalCode).toBe('SIGKILL');
    expect(output).not.toContain('"requestNo"');
    desk.faults.reset();
    const out = await change(submit(7));
    expect(desk.requests).toHaveLength(1);
    expect(out).toMatchObject({ requestNo: desk.requests[0]!.requestNo, existing: true });
  });

  it('a validation error is not retried and carries the portal message', async () => {
    await freshPortal();
    const err = await refusal(submit(8, { newValue: '长'.repeat(101) }));
    expect(err.kind).toBe('validation');
    expect(err.portalMessage).toBe('注册地址不能超过100个字符（当前101个）。');
    expect(desk.requests).toEqual([]);
  });

  it('an unknown rejection: not retried, its text kept with evidence on disk', async () => {
    await freshPortal();
    desk.faults.set({ rejectUnknown: 3 });
    const dir = await runDir();
    const err = await runBot(newRuntime(), customerChangeBot, submit(9), { runDir: dir }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ChangeRejectedError);
    const rejected = err as ChangeRejectedError;
    expect(rejected.kind).toBe('rejected');
    expect(rejected.portalMessage).toContain('交易失败【CB-E9127】');
    expect(desk.faults.settings.rejectUnknown).toBe(2);
    expect(rejected.evidence).toHaveLength(2);
    for (const file of rejected.evidence) await access(path.join(dir, file));
    expect(await readFile(path.join(dir, rejected.evidence[1]!), 'utf8')).toContain('CB-E9127');
    expect(desk.requests).toEqual([]);
  });

  it('an account core banking no longer has: a clear message, nothing filed', async () => {
    await freshPortal();
    const err = await refusal(submit(10, { accountNo: '0999999999999999' }));
    expect(err.kind).toBe('account-not-found');
    expect(err.portalMessage).toBe('账号 0999999999999999 不存在或已销户，请核实后重新输入。');
    expect(desk.requests).toEqual([]);
  });

  it("someone else's pending request for the field: refused with the guard's message, not retried", async () => {
    await freshPortal();
    desk.file(account.accountNo, { address: '柜员手工录入的地址' }, '客户临柜申请', 'teller07');
    const err = await refusal(submit(11));
    expect(err.kind).toBe('duplicate');
    expect(err.portalMessage).toBe(`该账户的注册地址已有待审核的变更申请（申请编号 ${desk.requests[0]!.requestNo}），请勿重复提交。`);
    expect(desk.requests).toHaveLength(1);
  });
});

import { mkdtempSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../../jobs';
import { parseConfig, runtimePaths } from '../../../jobs/runtime/config';
import { createLogger } from '../../../jobs/runtime/logger';
import type { DeliverPayload } from '../../../jobs/runtime/queues';
import { RunStore, runStoreOf } from '../../../jobs/runtime/run-store';
import { deliverProcessor } from '../../../jobs/runtime/worker/deliver-processor';
import { writeFinishedRun } from '../../helpers/fake-run';
import { mailText, startSmtpSink, type ReceivedMail, type SmtpSink } from './support/smtp-sink';
import { startWebhookSink, type WebhookSink } from './support/webhook-sink';
import { freePort } from '../../../jobs/runtime/redis';

// The deliver processor reads only `job.data`; a plain object stands in for the BullMQ job here
// (the worker fault tests run it through real BullMQ).
const asJob = (data: DeliverPayload) => ({ data }) as Job<DeliverPayload>;

describe('delivery: e-mail, webhook, alerts — each once', () => {
  let varDir: string;
  let store: RunStore;
  let deliver: ReturnType<typeof deliverProcessor>;
  let smtpPort: number;
  let smtp: SmtpSink | undefined;
  let hook: WebhookSink;
  const mails: ReceivedMail[] = [];

  beforeAll(async () => {
    varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-delivery-'));
    smtpPort = await freePort();
    hook = await startWebhookSink();
    // The settings as the environment gives them, parsed by the one config loader; handed to the processor.
    const config = parseConfig({
      OPSBOT_VAR_DIR: varDir, OPSBOT_SMTP_HOST: '127.0.0.1', OPSBOT_SMTP_PORT: String(smtpPort),
      OPSBOT_MAIL_FROM: 'opsbot@bank.example', OPSBOT_REPORT_RECIPIENTS: 'ops-a@bank.example, ops-b@bank.example',
      OPSBOT_ADMIN_RECIPIENTS: 'admin@bank.example', OPSBOT_WEBHOOK_URL: hook.url, OPSBOT_ALERT_WEBHOOK_URL: `${hook.url}/alerts`,
    }, varDir);
    deliver = deliverProcessor({ config, jobs, store: runStoreOf(config), log: createLogger('warn') });
    store = new RunStore(runtimePaths(parseConfig({ OPSBOT_VAR_DIR: varDir }, varDir)).runsDir);
  });
  afterAll(async () => {
    await smtp?.stop();
    await hook.stop();
    await rm(varDir, { recursive: true, force: true });
  });

  it('SMTP down → the attempt fails and records nothing; back up → each recipient gets it once, retries send nothing more', async () => {
    const { runDir, manifest } = await writeFinishedRun(store, { date: '2026-02-13' });
    await expect(deliver(asJob({ runId: manifest.runId, runDir }))).rejects.toThrow(/delivery of daily-ops-report\/2026-02-13\/r1: 2 failed/);
    const ledger = readdirSync(path.join(runDir, 'delivery'));
    expect(ledger.filter((f) => f.startsWith('mail'))).toEqual([]);
    // The webhook was up: it got its post and will not get it again.
    expect(hook.posts.filter((p) => (p.body as { runId?: string }).runId === manifest.runId)).toHaveLength(1);

    smtp = await startSmtpSink(smtpPort, mails);
    const second = await deliver(asJob({ runId: manifest.runId, runDir }));
    expect(second.sent.filter((s) => s.result === 'sent')).toHaveLength(2);
    const third = await deliver(asJob({ runId: manifest.runId, runDir }));
    expect(third.sent.map((s) => s.result)).toEqual(['already-sent', 'already-sent', 'already-sent']);

    const reportMails = mails.filter((m) => mailText(m).includes('2026-02-13'));
    expect(reportMails.map((m) => m.to[0]).sort()).toEqual(['ops-a@bank.example', 'ops-b@bank.example']);
    expect(reportMails[0]!.raw).toMatch(/filename=daily-ops-report-2026-02-13\.xlsx/);
    expect(hook.posts.filter((p) => (p.body as { runId?: string }).runId === manifest.runId)).toHaveLength(1);
    expect(hook.posts[0]!.headers['idempotency-key']).toBe(manifest.runId);
  });

  it('a partial run is delivered and alerts the admins once, naming the evidence', async () => {
    smtp ??= await startSmtpSink(smtpPort, mails);
    const evidence = ['evidence/core-banking.transactions/list.png'];
    const { runDir, manifest } = await writeFinishedRun(store, { date: '2026-02-24', status: 'partial', evidence });
    await deliver(asJob({ runId: manifest.runId, runDir }));
    await deliver(asJob({ runId: manifest.runId, runDir }));
    const alerts = mails.filter((m) => m.to.includes('admin@bank.example') && mailText(m).includes('2026-02-24'));
    expect(alerts).toHaveLength(1);
    expect(mailText(alerts[0]!)).toContain(path.join(runDir, evidence[0]!));
    const alertPosts = hook.posts.filter((p) => (p.body as { runId?: string; kind?: string }).kind === 'run-partial');
    expect(alertPosts).toHaveLength(1);
  });

  it('a failed run sends no report, only the alert', async () => {
    smtp ??= await startSmtpSink(smtpPort, mails);
    const before = mails.length;
    const { runDir, manifest } = await writeFinishedRun(store, { date: '2026-03-02', status: 'failed' });
    await deliver(asJob({ runId: manifest.runId, runDir }));
    const added = mails.slice(before);
    expect(added.map((m) => m.to[0])).toEqual(['admin@bank.example']);
  });

  it('a send interrupted after the claim (process died) is not repeated but reported in doubt', async () => {
    smtp ??= await startSmtpSink(smtpPort, mails);
    const { runDir, manifest } = await writeFinishedRun(store, { date: '2026-03-03' });
    const { FileLedger, ledgerKey } = await import('../../../jobs/runtime/delivery');
    await new FileLedger(path.join(runDir, 'delivery')).claim(ledgerKey('mail', 'ops-a@bank.example'));
    const before = mails.length;
    const r = await deliver(asJob({ runId: manifest.runId, runDir }));
    expect(r.sent.find((s) => s.key.includes('ops-a'))?.result).toBe('in-doubt');
    const added = mails.slice(before);
    expect(added.map((m) => m.to[0]).sort()).toEqual(['admin@bank.example', 'ops-b@bank.example']);
    expect(mailText(added.find((m) => m.to[0] === 'admin@bank.example')!)).toMatch(/mail--ops-a@bank\.example/);
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestOutboxDir, sendSlaDigest, startSlaDigest, type SlaDigestDeps } from '../../../jobs/review/sla';
import { parseConfig, type Config } from '../../../jobs/runtime/config';
import type { NewCase } from '../../../jobs/runtime/db';
import { mailTransport } from '../../../jobs/runtime/delivery';
import { createLogger } from '../../../jobs/runtime/logger';
import { freePort } from '../../../jobs/runtime/redis';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { mailText, startSmtpSink, type ReceivedMail, type SmtpSink } from '../jobs/support/smtp-sink';
import { startWebhookSink, type WebhookSink } from '../jobs/support/webhook-sink';

const fingerprint = (s: string) => createHash('sha256').update(s).digest('hex');

describe('SLA digest: overdue critical / high cases to the checkers, once a day', () => {
  let t: TestDatabase;
  let varDir: string;
  let config: Config;
  let smtpPort: number;
  let smtp: SmtpSink | undefined;
  let hook: WebhookSink;
  const mails: ReceivedMail[] = [];
  const ids: Record<string, number> = {};
  const deps = (): SlaDigestDeps => ({ config, db: t.db, log: createLogger('silent'), transport: mailTransport(config) });
  const auditRows = () => t.db.selectFrom('audit').selectAll().where('action', '=', 'digest.sent').orderBy('id').execute();

  beforeAll(async () => {
    t = await startTestDatabase();
    varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-sla-digest-'));
    smtpPort = await freePort();
    hook = await startWebhookSink();
    config = parseConfig({
      OPSBOT_VAR_DIR: varDir, OPSBOT_SMTP_HOST: '127.0.0.1', OPSBOT_SMTP_PORT: String(smtpPort), OPSBOT_MAIL_FROM: 'opsbot@bank.example',
      OPSBOT_SLA_DIGEST_RECIPIENTS: 'checker-a@bank.example, checker-b@bank.example', OPSBOT_WEBHOOK_URL: hook.url,
    }, varDir);
    // Monday 2026-12-07 is the digest's day. Overdue = waiting (open / proposed) with a due date before it.
    const seed: [string, Partial<NewCase>][] = [
      ['criticalOverdue', { severity: 'critical', state: 'open', due_on: '2026-12-03', branch: '上海分行' }],
      ['highProposedOverdue', { severity: 'high', state: 'proposed', due_on: '2026-12-04', branch: '北京分行' }],
      ['highDueToday', { severity: 'high', state: 'open', due_on: '2026-12-07' }],
      ['mediumOverdue', { severity: 'medium', state: 'open', due_on: '2026-11-02' }],
      ['criticalConfirmed', { severity: 'critical', state: 'confirmed', due_on: '2026-11-02' }],
      ['highDismissed', { severity: 'high', state: 'dismissed', due_on: '2026-11-02' }],
    ];
    for (const [name, c] of seed) {
      const row = await t.db.insertInto('cases').values({
        source_job: 'annual-review-check', account_no: `6222${name.length}${Object.keys(ids).length}`, field: 'address', branch: '广州分行',
        severity: 'high', fingerprint: fingerprint(name), due_on: '2026-12-01', opened_by_run: 'annual-review-check/2026-11-30/r1', ...c,
      }).returning('id').executeTakeFirstOrThrow();
      ids[name] = row.id;
    }
  });
  afterAll(async () => {
    await smtp?.stop();
    await hook.stop();
    await t.close();
    await rm(varDir, { recursive: true, force: true });
  });

  it('SMTP down: outbox and webhook go out, the e-mails fail and no digest.sent is audited yet', async () => {
    await expect(sendSlaDigest(deps(), '2026-12-07')).rejects.toThrow(/SLA digest 2026-12-07: 2 channel\(s\) failed/);
    const outbox = JSON.parse(readFileSync(path.join(digestOutboxDir(config, '2026-12-07'), 'digest.json'), 'utf8')) as { cases: { id: number; overdueWorkingDays: number }[] };
    // Critical first, then high; the case due today, the medium one and decided ones are not listed.
    expect(outbox.cases.map((c) => c.id)).toEqual([ids.criticalOverdue, ids.highProposedOverdue]);
    // Due Thursday 3 Dec, seen Monday 7 Dec: Friday and Monday are the working days past it.
    expect(outbox.cases.map((c) => c.overdueWorkingDays)).toEqual([2, 1]);
    expect(hook.posts).toHaveLength(1);
    expect(hook.posts[0]!.headers['idempotency-key']).toBe('sla-digest:2026-12-07');
    expect(await auditRows()).toHaveLength(0);
    const ledger = await t.db.selectFrom('sla_digests').select(['channel', 'state']).where('day', '=', '2026-12-07').orderBy('channel').execute();
    expect(ledger).toEqual([{ channel: 'outbox', state: 'sent' }, { channel: 'webhook', state: 'sent' }]);
  });

  it('SMTP back: each checker gets it once, one digest.sent row; more ticks that day send nothing', async () => {
    smtp = await startSmtpSink(smtpPort, mails);
    const second = await sendSlaDigest(deps(), '2026-12-07');
    expect(second).toMatchObject({ result: 'delivered', cases: 2, audited: true });
    expect(mails.map((m) => m.to).flat().sort()).toEqual(['checker-a@bank.example', 'checker-b@bank.example']);
    const body = mailText(mails[0]!);
    expect(body).toContain(`#${ids.criticalOverdue}`);
    expect(body).toContain('逾期 2 个工作日');
    expect(body).not.toContain(`#${ids.highDueToday} `);

    const third = await sendSlaDigest(deps(), '2026-12-07');
    expect(third).toMatchObject({ result: 'delivered', audited: false });
    if (third.result !== 'delivered') throw new Error('unreachable');
    expect(third.outcomes.map((o) => o.result)).toEqual(['already-sent', 'already-sent', 'already-sent', 'already-sent']);
    expect(mails).toHaveLength(2);
    expect(hook.posts).toHaveLength(1);
    const audit = await auditRows();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'system', subject: 'digest:2026-12-07' });
    expect((audit[0]!.after as { caseIds: number[] }).caseIds).toEqual([ids.criticalOverdue, ids.highProposedOverdue]);
  });

  it('two schedulers ticking at once on the next day: each checker still gets one e-mail, one audit row', async () => {
    const before = mails.length;
    const results = await Promise.all([sendSlaDigest(deps(), '2026-12-08'), sendSlaDigest(deps(), '2026-12-08')]);
    expect(results.every((r) => r.result === 'delivered')).toBe(true);
    expect(mails.slice(before).map((m) => m.to).flat().sort()).toEqual(['checker-a@bank.example', 'checker-b@bank.example']);
    // The case due on the 7th is overdue on the 8th.
    expect(mailText(mails.at(-1)!)).toContain(`#${ids.highDueToday}`);
    expect((await auditRows()).filter((r) => r.subject === 'digest:2026-12-08')).toHaveLength(1);
  });

  it('a day with nothing overdue sends nothing and records nothing', async () => {
    const before = mails.length;
    expect(await sendSlaDigest(deps(), '2026-12-02')).toEqual({ day: '2026-12-02', result: 'nothing-overdue' });
    expect(mails).toHaveLength(before);
    expect(await t.db.selectFrom('sla_digests').select('channel').where('day', '=', '2026-12-02').execute()).toEqual([]);
  });
});

describe('the SLA digest in the scheduler: ticks on working days only', () => {
  let t: TestDatabase;
  let varDir: string;
  beforeAll(async () => {
    t = await startTestDatabase();
    varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-sla-tick-'));
    await t.db.insertInto('cases').values({
      source_job: 'annual-review-check', account_no: '622200000001', field: 'name', branch: '001', severity: 'critical',
      fingerprint: fingerprint('tick'), due_on: '2026-12-01', opened_by_run: 'annual-review-check/2026-11-30/r1',
    }).execute();
  });
  afterAll(async () => {
    await t.close();
    await rm(varDir, { recursive: true, force: true });
  });

  const tickFor = async (now: string, ms = 2_500) => {
    // Every second (node-cron's six-field form), with the clock pinned to `now`.
    const config = parseConfig({ OPSBOT_VAR_DIR: varDir, OPSBOT_SLA_DIGEST_CRON: '* * * * * *' }, varDir);
    const task = startSlaDigest({ config, db: t.db, log: createLogger('silent') }, () => new Date(now));
    await new Promise((r) => setTimeout(r, ms));
    await task.destroy();
    return t.db.selectFrom('sla_digests').select(['day', 'channel']).orderBy('day').orderBy('channel').execute();
  };

  it('sends nothing on a Saturday, then once on the Monday however many ticks', async () => {
    expect(await tickFor('2026-12-05T02:00:00Z')).toEqual([]);
    const rows = await tickFor('2026-12-07T02:00:00Z');
    // No SMTP or webhook configured: the outbox, and the day's audit row.
    expect(rows).toEqual([{ day: '2026-12-07', channel: 'audit' }, { day: '2026-12-07', channel: 'outbox' }]);
    expect(await t.db.selectFrom('audit').select('subject').where('action', '=', 'digest.sent').execute()).toEqual([{ subject: 'digest:2026-12-07' }]);
  });

  it('refuses a cron expression that is not one, naming the variable', () => {
    const config = parseConfig({ OPSBOT_VAR_DIR: varDir, OPSBOT_SLA_DIGEST_CRON: 'every morning' }, varDir);
    expect(() => startSlaDigest({ config, db: t.db, log: createLogger('silent') })).toThrow(/OPSBOT_SLA_DIGEST_CRON/);
  });
});

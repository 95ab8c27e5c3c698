import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { writeFileAtomic, writeJsonAtomic } from '../../../bots/sdk/atomic-write';
import { recordAudit } from '../../runtime/audit';
import { runtimePaths, type Config } from '../../runtime/config';
import type { Database } from '../../runtime/db';
import { ledgerKey, postWebhook, sendOnce, stableMessageId, type SendOutcome } from '../../runtime/delivery';
import { digestOf, type SlaDigest } from './digest-message';
import { DigestLedger } from './digest-ledger';
import { overdueCases } from './overdue-cases';

export interface SlaDigestDeps {
  config: Config;
  db: Kysely<Database>;
  log: Logger;
  /** The SMTP transport (runtime/delivery mailTransport), or undefined: no e-mail, outbox and webhook only. */
  transport: Transporter | undefined;
}

export type SlaDigestResult =
  | { day: string; result: 'nothing-overdue' }
  | { day: string; result: 'delivered'; cases: number; outcomes: SendOutcome[]; audited: boolean };

/** Where a day's digest lands in the outbox: `<outbox>/sla-digest/<day>/`. */
export function digestOutboxDir(cfg: Config, day: string): string {
  return path.join(runtimePaths(cfg).outboxDir, 'sla-digest', day);
}

/**
 * Sends `day`'s digest of overdue critical / high cases through the delivery channels reports use
 * — the outbox folder, an e-mail to each checker (OPSBOT_SLA_DIGEST_RECIPIENTS), the webhook —
 * each at most once per day (DigestLedger), then writes one `digest.sent` audit row for the day.
 * Safe to call again and again: what went out is skipped, what failed is tried again, and a
 * channel that failed makes this throw (after the others were tried) so the caller's next tick retries.
 *
 * @example
 * await sendSlaDigest({ config, db, log, transport: mailTransport(config) }, '2026-12-07');
 */
export async function sendSlaDigest(deps: SlaDigestDeps, day: string): Promise<SlaDigestResult> {
  const { config: cfg, db, transport } = deps;
  const log = deps.log.child({ component: 'sla-digest', day });
  const site = cfg.webPublicUrl?.replace(/\/$/, '');
  const digest = digestOf(day, await overdueCases(db, day), site ? { caseHref: (id) => `${site}/cases/${id}` } : {});
  if (digest.cases.length === 0) {
    log.info('no overdue critical or high case: no digest today');
    return { day, result: 'nothing-overdue' };
  }
  const ledger = new DigestLedger(db, day);
  const outcomes: SendOutcome[] = [];
  const errors: Error[] = [];
  const attempt = async (key: string, send: () => Promise<Record<string, unknown>>) => {
    try {
      outcomes.push(await sendOnce(ledger, key, send));
    } catch (err) {
      errors.push(err as Error);
      log.warn({ channel: key, err: (err as Error).message }, 'digest channel failed; retried on the next tick');
    }
  };
  await attempt('outbox', () => writeToOutbox(cfg, digest));
  if (transport) {
    for (const to of cfg.slaDigestRecipients) {
      await attempt(ledgerKey('mail', to), async () => {
        const info = await transport.sendMail({ from: cfg.mailFrom, to, subject: digest.subject, text: digest.text, messageId: stableMessageId(`sla-digest:${day}`, to) });
        return { to, messageId: info.messageId, response: info.response };
      });
    }
  } else if (cfg.slaDigestRecipients.length) {
    log.warn({ recipients: cfg.slaDigestRecipients.length }, 'OPSBOT_SLA_DIGEST_RECIPIENTS set but no OPSBOT_SMTP_HOST: the digest goes to the outbox only');
  }
  if (cfg.webhookUrl) {
    const url = cfg.webhookUrl;
    await attempt('webhook', () => postWebhook(url, webhookBody(digest), `sla-digest:${day}`));
  }
  if (errors.length) throw new Error(`SLA digest ${day}: ${errors.length} channel(s) failed (${errors[0]!.message}); retried later, sent ones are not repeated`);
  const audited = await auditOnce(db, digest, outcomes);
  log.info({ cases: digest.cases.length, sent: outcomes.filter((o) => o.result === 'sent').length, audited }, 'SLA digest delivered');
  return { day, result: 'delivered', cases: digest.cases.length, outcomes, audited };
}

async function writeToOutbox(cfg: Config, digest: SlaDigest): Promise<Record<string, unknown>> {
  const dir = digestOutboxDir(cfg, digest.day);
  await writeFileAtomic(path.join(dir, 'digest.txt'), `${digest.subject}\n\n${digest.text}\n`);
  await writeJsonAtomic(path.join(dir, 'digest.json'), webhookBody(digest));
  return { dir };
}

function webhookBody(digest: SlaDigest) {
  return { kind: 'sla-digest', day: digest.day, count: digest.cases.length, bySeverity: digest.bySeverity, byBranch: digest.byBranch, cases: digest.cases };
}

/**
 * One `digest.sent` audit row per day: its own ledger row ('audit') and the audit append share a
 * transaction, so a retry after a crash writes it once and a rollback leaves neither.
 */
async function auditOnce(db: Kysely<Database>, digest: SlaDigest, outcomes: SendOutcome[]): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('sla_digests')
      .values({ day: digest.day, channel: 'audit', state: 'sent', sent_at: new Date() })
      .onConflict((oc) => oc.columns(['day', 'channel']).doNothing())
      .returning('channel')
      .executeTakeFirst();
    if (!claimed) return false;
    await recordAudit(trx, {
      actor: 'system', action: 'digest.sent', subject: `digest:${digest.day}`,
      after: {
        day: digest.day, count: digest.cases.length, bySeverity: digest.bySeverity,
        caseIds: digest.cases.map((c) => c.id),
        channels: outcomes.map((o) => ({ channel: o.key, result: o.result })),
      },
    });
    return true;
  });
}

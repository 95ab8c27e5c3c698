import { sql, type Kysely } from 'kysely';

/**
 * The SLA digest's send ledger (jobs/review/sla/): one row per (day, channel) — an e-mail
 * recipient, the outbox, the webhook, and the day's audit row — so the daily digest of overdue
 * critical / high cases goes out at most once per day and channel, however many schedulers tick
 * and however often a failed channel is retried. In the database, not the run store: a digest
 * belongs to no run, and every scheduler on every host sees the same rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS sla_digests').execute(db);
}

const UP = [
  `CREATE TABLE sla_digests (
    -- The business day (Asia/Shanghai) the digest is for.
    day date NOT NULL,
    -- 'mail--<address>', 'outbox', 'webhook', or 'audit' (the day's digest.sent row was written).
    channel text NOT NULL CHECK (char_length(channel) BETWEEN 1 AND 300),
    -- sending: claimed, the send under way (or the process died mid-send: in doubt, not resent).
    state text NOT NULL CHECK (state IN ('sending', 'sent')),
    claimed_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz,
    -- What the channel answered (message id, HTTP status, file written); never a secret.
    info jsonb,
    PRIMARY KEY (day, channel)
  )`,
  // DELETE: a send that failed for certain releases its claim so the next tick sends again.
  `GRANT SELECT, INSERT, UPDATE, DELETE ON sla_digests TO opsbot_app`,
];

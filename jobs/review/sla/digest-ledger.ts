import type { Kysely } from 'kysely';
import type { Database, JsonValue } from '../../runtime/db';
import type { ClaimResult, SentLedger } from '../../runtime/delivery';

/**
 * The delivery ledger (runtime/delivery/sent-ledger.ts) of one day's digest, in the table
 * sla_digests: a claim is an INSERT of (day, channel), so of two schedulers ticking at once exactly
 * one sends; a row left `sending` by a process that died mid-send is reported in doubt, never resent.
 */
export class DigestLedger implements SentLedger {
  constructor(private readonly db: Kysely<Database>, private readonly day: string) {}

  async claim(channel: string): Promise<ClaimResult> {
    const inserted = await this.db
      .insertInto('sla_digests')
      .values({ day: this.day, channel, state: 'sending' })
      .onConflict((oc) => oc.columns(['day', 'channel']).doNothing())
      .returning('channel')
      .executeTakeFirst();
    if (inserted) return 'claimed';
    const row = await this.db.selectFrom('sla_digests').select('state').where('day', '=', this.day).where('channel', '=', channel).executeTakeFirstOrThrow();
    return row.state === 'sent' ? 'sent' : 'in-doubt';
  }

  async markSent(channel: string, info: Record<string, unknown>): Promise<void> {
    await this.db
      .updateTable('sla_digests')
      .set({ state: 'sent', sent_at: new Date(), info: JSON.stringify(info) as unknown as JsonValue })
      .where('day', '=', this.day)
      .where('channel', '=', channel)
      .execute();
  }

  async release(channel: string): Promise<void> {
    await this.db.deleteFrom('sla_digests').where('day', '=', this.day).where('channel', '=', channel).where('state', '=', 'sending').execute();
  }
}

import type { Redis } from 'ioredis';
import type { ClaimResult, SentLedger } from './sent-ledger';

const KEEP_S = 90 * 86_400;

/** A ledger in Redis (SET NX), for messages that belong to no run folder, e.g. a missed-run alert. */
export class RedisLedger implements SentLedger {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  private key(key: string): string {
    return `${this.prefix}:sent:${key}`;
  }

  async claim(key: string): Promise<ClaimResult> {
    const ok = await this.redis.set(this.key(key), JSON.stringify({ state: 'sending', since: new Date().toISOString() }), 'EX', KEEP_S, 'NX');
    if (ok === 'OK') return 'claimed';
    const raw = await this.redis.get(this.key(key));
    return raw && (JSON.parse(raw) as { state: string }).state === 'sent' ? 'sent' : 'in-doubt';
  }

  async markSent(key: string, info: Record<string, unknown>): Promise<void> {
    await this.redis.set(this.key(key), JSON.stringify({ state: 'sent', at: new Date().toISOString(), ...info }), 'EX', KEEP_S);
  }

  async release(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }
}

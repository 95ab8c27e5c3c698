import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type Role = 'admin' | 'viewer';

/**
 * Stateless session tokens: `<role>.<expiry ms>.<HMAC>` signed with a key made at start, so a
 * restart logs everyone out and nothing secret is stored. The role cannot be changed without the key.
 */
export class SessionTokens {
  private readonly key = randomBytes(32);

  constructor(private readonly ttlMs = 8 * 3_600_000) {}

  issue(role: Role, now = Date.now()): string {
    const body = `${role}.${now + this.ttlMs}`;
    return `${body}.${this.sign(body)}`;
  }

  verify(token: string | undefined, now = Date.now()): Role | undefined {
    const m = token ? /^(admin|viewer)\.(\d+)\.([A-Za-z0-9_-]+)$/.exec(token) : null;
    if (!m) return undefined;
    const body = `${m[1]}.${m[2]}`;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(m[3]!);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    if (Number(m[2]) < now) return undefined;
    return m[1] as Role;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/**
 * Where "did this message go out?" is recorded, per (run, channel, recipient).
 *
 * The protocol (see send-once.ts): `claim` atomically records "sending" before anything is sent
 * and fails if a record exists; `markSent` records the server's acceptance; `release` removes the
 * claim when the send failed for certain (the server refused or could not be reached).
 */
export type ClaimResult = 'claimed' | 'sent' | 'in-doubt';

export interface SentLedger {
  claim(key: string): Promise<ClaimResult>;
  markSent(key: string, info: Record<string, unknown>): Promise<void>;
  release(key: string): Promise<void>;
}

/** Turns a recipient or channel name into a file / key segment that cannot escape its folder. */
export function ledgerKey(...parts: string[]): string {
  return parts.map((p) => p.toLowerCase().replace(/[^a-z0-9@._-]/g, '_')).join('--');
}

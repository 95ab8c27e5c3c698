import { createHash } from 'node:crypto';
import type { JsonValue } from '../db';
import { canonicalJson } from './canonical-json';

/** What an audit row says, as hashed: everything but its id and hash. */
export interface AuditContent {
  /** ISO 8601 with milliseconds, UTC (what a JavaScript Date round-trips through timestamptz). */
  at: string;
  actor: string;
  action: string;
  subject: string;
  before: JsonValue | null;
  after: JsonValue | null;
}

/** The hash before the first row: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** sha256(previous row's hash + this row's canonical JSON), hex (review-workbench.md, Audit). */
export function chainHash(previousHash: string, content: AuditContent): string {
  return createHash('sha256').update(previousHash).update(canonicalJson(content)).digest('hex');
}

import type { Kysely } from 'kysely';
import type { AuditRow, Database } from '../db';
import { auditRows } from './audit-pages';
import { chainHash, GENESIS_HASH } from './chain-hash';

export interface AuditVerdict {
  /** Rows checked (all of them when the chain holds; up to and including the broken one otherwise). */
  checked: number;
  /** The first row whose stored hash is not sha256(previous hash + its content), if any. */
  broken?: Pick<AuditRow, 'id' | 'at' | 'actor' | 'action' | 'subject'>;
}

/**
 * Recomputes the whole chain from the first row and stops at the first row that does not match:
 * that row was altered, or one before it was deleted or altered (review-workbench.md, Audit). A
 * deleted last row leaves no trace in the chain; the id gap it leaves is not checked here because
 * a rolled-back transaction leaves the same gap.
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerdict> {
  let previous = GENESIS_HASH;
  let checked = 0;
  for await (const row of auditRows(db)) {
    checked++;
    const expected = chainHash(previous, {
      at: row.at.toISOString(),
      actor: row.actor,
      action: row.action,
      subject: row.subject,
      before: row.before,
      after: row.after,
    });
    if (row.hash !== expected) return { checked, broken: { id: row.id, at: row.at, actor: row.actor, action: row.action, subject: row.subject } };
    previous = row.hash;
  }
  return { checked };
}

import type { Kysely } from 'kysely';
import type { Database } from '../db';
import { recordAudit, type AuditInput } from './record-audit';

/**
 * Records a change outside the database (a schedule override in Redis) in the audit table around
 * making it: the row is appended, then `apply` runs, then the transaction commits. A change that
 * cannot be recorded is not made, and one whose `apply` fails leaves no row.
 */
export type AuditedChange = (entry: AuditInput, apply: () => Promise<void>) => Promise<void>;

export function auditedChange(db: Kysely<Database>): AuditedChange {
  return (entry, apply) =>
    db.transaction().execute(async (trx) => {
      await recordAudit(trx, entry);
      await apply();
    });
}

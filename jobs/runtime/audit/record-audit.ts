import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, JsonValue } from '../db';
import { chainHash, GENESIS_HASH, type AuditContent } from './chain-hash';

export interface AuditInput {
  /** A user's name, or `system` (a run, a schedule fire). */
  actor: string;
  /** What happened, e.g. `case.created` (the names are listed in actions.ts). */
  action: string;
  /** What it happened to, e.g. `case:42`, `user:wang`, `schedule:daily-ops-report`. */
  subject: string;
  before?: JsonValue | null;
  after?: JsonValue | null;
}

/**
 * Key of the advisory lock that serialises appends across every process using the database: two
 * writers must not both chain onto the same previous row. A transaction-scoped advisory lock,
 * because the app role may not LOCK TABLE the audit.
 */
const AUDIT_LOCK_KEY = 7_310_551_001;

/**
 * Appends rows to the hash-chained audit, in order, inside `db`'s transaction (or a new one), so
 * the rows commit or vanish with the change they record. Waits for any other appender to commit.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await trx.updateTable('cases').set({ state: 'proposed' }).where('id', '=', id).execute();
 *   await recordAudit(trx, { actor: 'wang', action: 'case.proposed', subject: `case:${id}`, after: { kind: 'confirm' } });
 * });
 */
export async function recordAudit(db: Kysely<Database> | Transaction<Database>, entries: AuditInput | readonly AuditInput[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries as AuditInput];
  if (list.length === 0) return;
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => recordAudit(trx, list));
    return;
  }
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(db);
  const last = await db.selectFrom('audit').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let previous = last?.hash ?? GENESIS_HASH;
  const at = new Date().toISOString();
  const rows = list.map((e) => {
    const content: AuditContent = { at, actor: e.actor, action: e.action, subject: e.subject, before: e.before ?? null, after: e.after ?? null };
    previous = chainHash(previous, content);
    // As JSON text: node-postgres would send a JavaScript array as a PostgreSQL array, not jsonb.
    return { ...content, before: asJsonText(content.before), after: asJsonText(content.after), hash: previous };
  });
  // Batches keep a 10,000-case run's rows under PostgreSQL's 65,535 bind parameters.
  for (let i = 0; i < rows.length; i += 5_000) await db.insertInto('audit').values(rows.slice(i, i + 5_000)).execute();
}

const asJsonText = (value: JsonValue | null): JsonValue | null => (value === null ? null : JSON.stringify(value));

import type { Kysely } from 'kysely';
import type { AuditRow, Database } from '../db';

export interface AuditRange {
  /** First instant included. */
  from?: Date;
  /** First instant excluded. */
  to?: Date;
}

/** Rows fetched per query: a year of audit never sits in memory at once. */
const PAGE_ROWS = 5_000;

/**
 * The audit's rows in chain order (by id), a page at a time by keyset (`id > last`), so reading
 * millions of rows costs the same per row as reading ten.
 */
export async function* auditRows(db: Kysely<Database>, range: AuditRange = {}): AsyncGenerator<AuditRow> {
  let after = 0;
  for (;;) {
    let query = db.selectFrom('audit').selectAll().where('id', '>', after);
    if (range.from) query = query.where('at', '>=', range.from);
    if (range.to) query = query.where('at', '<', range.to);
    const page = await query.orderBy('id').limit(PAGE_ROWS).execute();
    for (const row of page) yield row;
    const last = page.at(-1);
    if (!last || page.length < PAGE_ROWS) return;
    after = last.id;
  }
}

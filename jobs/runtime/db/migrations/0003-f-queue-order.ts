import { sql, type Kysely } from 'kysely';

/**
 * 我的待办's default view in the index's own order. The queue lists waiting cases (open, proposed)
 * escalated first, then by severity, then due date (jobs/review/queue/my-queue.ts); the 0001 indexes
 * lead with state and severity, so PostgreSQL read every waiting case and sorted them for each page.
 * Measured on 100,000 seeded cases (65,000 waiting; npm run bench -- --only review-queue-100k):
 * the page's rows 143 ms → 2 ms, the admin's whole page (rows + count) under 200 ms with the
 * machine loaded. Partial, so closed cases (most of a year's rows) cost the index nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX cases_waiting_order_idx ON cases ((escalated_at IS NULL), severity_rank, due_on, id) WHERE state IN ('open', 'proposed')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS cases_waiting_order_idx`.execute(db);
}

import { sql, type Kysely } from 'kysely';

/**
 * Two loose ends of the review ledger (jobs/review):
 * - a pending proposal whose case a later run closes (superseded: the values changed; resolved: the
 *   field agrees now) is `withdrawn`: no checker can approve what no longer is the case, and the
 *   history does not show it waiting for ever. The system withdraws, so no reviewer is named.
 * - a checker may reject a prepared change request (review-workbench.md, Who: checkers "approve or
 *   reject … change requests"): who, when and why are kept, never the preparer (four eyes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}

const UP = [
  `ALTER TABLE decisions DROP CONSTRAINT decisions_status_check`,
  `ALTER TABLE decisions ADD CONSTRAINT decisions_status_check CHECK (status IN ('pending', 'approved', 'rejected', 'effective', 'withdrawn'))`,
  `ALTER TABLE change_requests ADD COLUMN rejected_by text REFERENCES users (name)`,
  `ALTER TABLE change_requests ADD COLUMN rejected_at timestamptz`,
  // The checker's reason, shown to the clerk on the case.
  `ALTER TABLE change_requests ADD COLUMN review_comment text`,
  `ALTER TABLE change_requests ADD CONSTRAINT change_requests_four_eyes_reject CHECK (rejected_by IS NULL OR rejected_by <> prepared_by)`,
  `ALTER TABLE change_requests ADD CONSTRAINT change_requests_rejected_has_checker CHECK (state <> 'rejected' OR (rejected_by IS NOT NULL AND review_comment IS NOT NULL))`,
];

const DOWN = [
  `ALTER TABLE change_requests DROP CONSTRAINT IF EXISTS change_requests_rejected_has_checker`,
  `ALTER TABLE change_requests DROP CONSTRAINT IF EXISTS change_requests_four_eyes_reject`,
  `ALTER TABLE change_requests DROP COLUMN IF EXISTS review_comment`,
  `ALTER TABLE change_requests DROP COLUMN IF EXISTS rejected_at`,
  `ALTER TABLE change_requests DROP COLUMN IF EXISTS rejected_by`,
  `ALTER TABLE decisions DROP CONSTRAINT decisions_status_check`,
  `ALTER TABLE decisions ADD CONSTRAINT decisions_status_check CHECK (status IN ('pending', 'approved', 'rejected', 'effective'))`,
];

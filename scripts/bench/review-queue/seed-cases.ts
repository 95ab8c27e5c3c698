// 100,000 cases (issue 18, item 8) seeded in one INSERT … SELECT over generate_series: the shape of
// a bank's year of flags, spread so every filter of 我的待办 has work to do.

import { sql, type Kysely } from 'kysely';
import { APP_ROLE, type Database } from '../../../jobs/runtime/db';

export const SEED_BRANCHES = 40;
export const SEED_FIELDS = ['name', 'legalRepresentative', 'address', 'registeredCapital', 'businessScope', 'licenseExpiry', 'status', 'uscc', 'seriousViolation', 'abnormalOperation'];

/**
 * Seeds `count` cases as the app role would see them: branches B001…B040, severities 5 % critical,
 * 20 % high, 40 % medium, 35 % low; states 55 % open, 10 % proposed, 10 % confirmed, 10 % dismissed,
 * 10 % resolved, 5 % superseded; due dates 90 days either side of `today`; 2 % escalated. One
 * account per case keeps the one-live-case-per-field index satisfied. Deterministic (hashes, no random()).
 */
export async function seedCases(db: Kysely<Database>, count: number, today: string): Promise<void> {
  const fields = sql.raw(`ARRAY[${SEED_FIELDS.map((f) => `'${f}'`).join(',')}]`);
  await sql`
    INSERT INTO cases (source_job, account_no, field, branch, severity, fingerprint, state, bank_value, registry_value, flag,
                       escalated_at, due_on, opened_by_run, closed_by_run)
    SELECT 'annual-review-check',
           '6222' || lpad(i::text, 12, '0'),
           (${fields})[1 + h.field % ${SEED_FIELDS.length}],
           'B' || lpad((1 + h.branch % ${SEED_BRANCHES})::text, 3, '0'),
           CASE WHEN h.sev < 5 THEN 'critical' WHEN h.sev < 25 THEN 'high' WHEN h.sev < 65 THEN 'medium' ELSE 'low' END,
           encode(sha256(convert_to(i::text, 'UTF8')), 'hex'),
           CASE WHEN h.st < 55 THEN 'open' WHEN h.st < 65 THEN 'proposed' WHEN h.st < 75 THEN 'confirmed'
                WHEN h.st < 85 THEN 'dismissed' WHEN h.st < 95 THEN 'resolved' ELSE 'superseded' END,
           '上海市浦东新区世纪大道' || i || '号', '上海市浦东新区世纪大道' || (i + 1) || '号',
           jsonb_build_object('name', '测试企业' || i || '有限公司', 'message', '登记信息不一致'),
           CASE WHEN h.esc < 2 THEN now() END,
           ${today}::date + (h.due % 181 - 90)::int,
           'annual-review-check/2026-11-30/r1',
           CASE WHEN h.st >= 85 THEN 'annual-review-check/2026-12-04/r1' END
    FROM generate_series(1, ${count}) AS i,
         -- Independent pseudo-random draws per attribute (hashtext of a salted number): no two
         -- attributes move together, so a branch + severity filter finds what it would in life.
         LATERAL (SELECT abs(hashtext('sev' || i)::bigint) % 100 AS sev, abs(hashtext('st' || i)::bigint) % 100 AS st,
                         abs(hashtext('br' || i)::bigint) AS branch, abs(hashtext('fd' || i)::bigint) AS field,
                         abs(hashtext('due' || i)::bigint) AS due, abs(hashtext('esc' || i)::bigint) % 100 AS esc) AS h`.execute(db);
  await analyseAsOwner(db, ['cases']);
}

/**
 * Fresh planner statistics and visibility map, as autovacuum leaves them a minute or so after a
 * real run's bulk insert (the count of a page is then an index-only scan). As the owner: VACUUM
 * and ANALYZE by the app role skip tables it does not own (a warning only), which would leave the
 * planner guessing 1 % of the rows and the figures meaningless.
 */
export async function analyseAsOwner(db: Kysely<Database>, tables: string[]): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`RESET ROLE`.execute(conn);
    try {
      for (const table of tables) await sql`VACUUM ANALYZE ${sql.table(table)}`.execute(conn);
    } finally {
      await sql.raw(`SET ROLE ${APP_ROLE}`).execute(conn);
    }
  });
}

// Child task of the review-queue section: a private PostgreSQL of its own, 100,000 cases, then
// the workbench's own queue functions (jobs/review/queue, what `opsbot web` calls per page) timed
// per scenario. "Server time" = the function's wall time: the SQL (rows + count) and the mapping,
// without HTML rendering or the network.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Reviewer } from '../../../jobs/review/decisions';
import { listMyQueue, listPendingReviews, type QueueFilters } from '../../../jobs/review/queue';
import { parseConfig } from '../../../jobs/runtime/config';
import { openDatabase } from '../../../jobs/runtime/db';
import { createLogger } from '../../../jobs/runtime/logger';
import { analyseAsOwner, seedCases } from './seed-cases';

export interface ReviewQueueTaskArgs {
  cases: number;
  /** Timed calls per scenario (after 3 warm-up calls). */
  repeats: number;
}

export interface QueueScenarioFigure {
  name: string;
  /** Rows matching the filters (the page shows up to 50). */
  total: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface ReviewQueueResult {
  cases: number;
  seedMs: number;
  scenarios: QueueScenarioFigure[];
  postgresVersion: string;
}

const TODAY = '2026-12-07';
const admin: Reviewer = { name: 'bench-admin', role: 'admin', branches: [] };
const clerk: Reviewer = { name: 'bench-clerk', role: 'clerk', branches: ['B007'] };
const clerkOfThree: Reviewer = { name: 'bench-clerk3', role: 'clerk', branches: ['B001', 'B002', 'B003'] };
const checker: Reviewer = { name: 'bench-checker', role: 'checker', branches: ['B007', 'B008'] };

type Scenario = { name: string; run: () => Promise<{ total: number }> };

export async function runReviewQueue(args: ReviewQueueTaskArgs): Promise<ReviewQueueResult> {
  const varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-bench-review-queue-'));
  const opened = await openDatabase(parseConfig({ OPSBOT_VAR_DIR: varDir }, varDir), createLogger('warn'), { poolSize: 4 });
  try {
    const { db } = opened;
    const seedStarted = performance.now();
    await seedCases(db, args.cases, TODAY);
    await seedPendingDecisions(db);
    const seedMs = performance.now() - seedStarted;
    const queue = (r: Reviewer, f: Omit<QueueFilters, 'page'> & { page?: number }) => () => listMyQueue(db, r, { page: 1, ...f }, TODAY);
    const scenarios: Scenario[] = [
      { name: 'admin, every branch, no filter (page 1)', run: queue(admin, {}) },
      { name: 'admin, severity high + overdue', run: queue(admin, { severity: 'high', due: 'overdue' }) },
      { name: 'admin, field address', run: queue(admin, { field: 'address' }) },
      { name: 'admin, state dismissed', run: queue(admin, { state: 'dismissed' }) },
      { name: 'admin, branch B012 + critical', run: queue(admin, { branch: 'B012', severity: 'critical' }) },
      { name: 'admin, page 500 (deep paging)', run: queue(admin, { page: 500 }) },
      { name: 'clerk of one branch (page 1)', run: queue(clerk, {}) },
      { name: 'clerk of three branches, overdue', run: queue(clerkOfThree, { due: 'overdue' }) },
      { name: 'checker, 待复核 of two branches', run: () => listPendingReviews(db, checker, 1, TODAY) },
    ];
    const figures: QueueScenarioFigure[] = [];
    for (const s of scenarios) figures.push(await timeScenario(s, args.repeats));
    const version = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db);
    return { cases: args.cases, seedMs, scenarios: figures, postgresVersion: version.rows[0]!.v };
  } finally {
    await opened.close();
    rmSync(varDir, { recursive: true, force: true });
  }
}

/** Every `proposed` case gets the pending proposal the checker's list joins, by one of two clerks. */
async function seedPendingDecisions(db: Parameters<typeof seedCases>[0]): Promise<void> {
  await sql`INSERT INTO users (name, role, password_hash) VALUES ('bench-clerk', 'clerk', 'x'), ('bench-clerk2', 'clerk', 'x')`.execute(db);
  await sql`
    INSERT INTO decisions (case_id, kind, proposed_by, action, comment, status)
    SELECT id, 'confirm', CASE WHEN id % 2 = 0 THEN 'bench-clerk' ELSE 'bench-clerk2' END, '更正系统记录', '已核对营业执照', 'pending'
    FROM cases WHERE state = 'proposed'`.execute(db);
  await analyseAsOwner(db, ['decisions', 'users']);
}

async function timeScenario(s: Scenario, repeats: number): Promise<QueueScenarioFigure> {
  let total = 0;
  for (let i = 0; i < 3; i++) total = (await s.run()).total;
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await s.run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { name: s.name, total, medianMs: at(0.5), p95Ms: at(0.95), maxMs: times.at(-1)! };
}

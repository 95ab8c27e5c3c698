// Issue #19, item 5: closing the loop with real runs. An annual-review run on the fixture portals
// opens cases; one of a writable field is confirmed, prepared, approved and filed through the
// write-back worker; core banking's back office approves the request (the fixture applies approved
// requests to the bank's records); the next run finds the field in agreement and resolves the case.
import type { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { customerChangeDeskOf } from '../../../fixtures/portals/core-banking/server';
import { startFixtures, type RunningFixtures } from '../../../fixtures/start-fixtures';
import { approveChange, openChangeQueue, prepareChange, startChangeWorker, WRITABLE_FIELDS, type ChangeJobData } from '../../../jobs/review/changes';
import type { Reviewer } from '../../../jobs/review/decisions';
import { triggerRun, waitForRun } from '../../../jobs/runtime/flows';
import type { RuntimeDeps } from '../../../jobs/runtime/runtime-deps';
import { startWorker, type RunningWorker } from '../../../jobs/runtime/worker';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { startTestRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { seedUsers } from './seed-cases';

const DATE = '2026-11-20';
const JOB = 'annual-review-check';
const clerk: Reviewer = { name: 'clerk-wang', role: 'clerk', branches: [] };
const checker: Reviewer = { name: 'checker-li', role: 'checker', branches: [] };

let t: TestDatabase;
let rt: TestRuntime;
let fixtures: RunningFixtures;
let deps: RuntimeDeps & { db: NonNullable<RuntimeDeps['db']> };
let worker: RunningWorker;
let changeWorker: Worker<ChangeJobData>;
let queue: Queue<ChangeJobData>;

beforeAll(async () => {
  t = await startTestDatabase();
  await seedUsers(t.owner, [clerk, checker].map((u) => ({ name: u.name, role: u.role })));
  rt = await startTestRuntime();
  fixtures = await startFixtures({ seed: 7, scale: 'small', applyApprovedChanges: true });
  const portals = Object.fromEntries(fixtures.portals.map((p) => [p.id, { url: p.url, username: p.login?.username, password: p.login?.password }]));
  deps = { ...rt.with({ portals }), db: t.db };
  worker = await startWorker(deps);
  changeWorker = await startChangeWorker(deps);
  queue = openChangeQueue(deps.redis);
}, 300_000);

afterAll(async () => {
  await queue?.close();
  await changeWorker?.close();
  await worker?.close();
  await fixtures?.stop();
  await rt?.stop();
  await t?.close();
});

async function run(): Promise<string> {
  const triggered = await triggerRun(deps, { job: JOB, date: DATE, force: true });
  const { status } = await waitForRun(deps, triggered.runId, 600_000);
  expect(status).toBe('ok');
  return triggered.runId;
}

async function requestIn(requestId: number, states: string[]) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const row = await t.db.selectFrom('change_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
    if (states.includes(row.state)) return row;
    if (Date.now() > deadline) throw new Error(`change request ${requestId} stuck in ${row.state}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

it('a filed and approved change makes the next run find the field in agreement and resolve the case', async () => {
  await run();
  // A case of a writable field whose registry value the change screen accepts (short, non-empty).
  const candidates = await t.db.selectFrom('cases').selectAll().where('field', 'in', ['legalRepresentative', 'name', 'address']).where('state', '=', 'open').orderBy('id').execute();
  expect(WRITABLE_FIELDS).toContain('legalRepresentative');
  const chosen = candidates.find((c) => c.registry_value.trim().length > 1 && c.registry_value.length <= 30);
  expect(chosen, `no writable case among ${candidates.length}`).toBeDefined();
  const kase = chosen!;
  await t.owner.updateTable('cases').set({ state: 'confirmed' }).where('id', '=', kase.id).execute();

  const { requestId } = await prepareChange(t.db, queue, clerk, { caseId: kase.id });
  const prepared = await requestIn(requestId, ['prepared', 'failed']);
  expect(prepared.state, prepared.error ?? '').toBe('prepared');
  await approveChange(t.db, queue, checker, { requestId, version: prepared.version });
  const submitted = await requestIn(requestId, ['submitted', 'failed']);
  expect(submitted.state, submitted.error ?? '').toBe('submitted');

  // Core banking's back office approves it: the bank's record now holds the registry's value.
  const desk = customerChangeDeskOf(fixtures.portal('core-banking').app);
  expect(desk.requests.map((r) => r.requestNo)).toEqual([submitted.request_no]);
  desk.approve(submitted.request_no!);

  const second = await run();
  const after = await t.db.selectFrom('cases').select(['state', 'closed_by_run']).where('id', '=', kase.id).executeTakeFirstOrThrow();
  expect(after).toEqual({ state: 'resolved', closed_by_run: second });
  const resolved = await t.db.selectFrom('audit').select('action').where('subject', '=', `case:${kase.id}`).where('action', '=', 'case.resolved').execute();
  expect(resolved).toHaveLength(1);
}, 900_000);

import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../jobs/runtime/audit';
import { runtimePaths } from '../../jobs/runtime/config';
import { QUEUES } from '../../jobs/runtime/queues';
import { runIdOf, sourceStatusPath, type RunManifest } from '../../jobs/runtime/run-store';
import { TRIGGER_QUEUE } from '../../jobs/runtime/scheduler';
import { startFixtureWorld, type FixtureWorld } from '../helpers/fixture-world';

// Jobs written straight into Redis, as a dashboard admin can with Bull Board's "add job" (or anyone
// who reaches an unprotected Redis): a real worker with the fixture portals in its config must act
// on none of them — refused at once, the reason in the job and in the audit log, nothing sent,
// read or written.

const JOB = 'daily-ops-report';
const DATE = '2026-11-20';
const BOT = 'core-banking.transactions';

/** A local HTTP server that records whatever reaches it (a fake portal catching logins). */
interface Catcher {
  url: string;
  requests: { method: string; url: string; body: string }[];
  close(): Promise<void>;
}

async function startCatcher(): Promise<Catcher> {
  const requests: Catcher['requests'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', body });
      res.setHeader('content-type', 'text/html');
      res.end('<form method="post" action="/login"><input name="u"><input name="p" type="password"><button>登录</button></form>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

let world: FixtureWorld;
let catcher: Catcher;
let logins = 0;
const queues = new Map<string, { queue: Queue; events: QueueEvents }>();

beforeAll(async () => {
  world = await startFixtureWorld({ fixtures: { seed: 3, scale: 'small' }, workerConcurrency: 1 });
  catcher = await startCatcher();
  const sessions = world.fixtures.portal('core-banking').app.sessions;
  const create = sessions.create.bind(sessions);
  sessions.create = (user) => {
    logins += 1;
    return create(user);
  };
  const { connection, prefix } = world.deps.redis;
  for (const name of [QUEUES.bots, QUEUES.reports, QUEUES.deliver, TRIGGER_QUEUE]) {
    const events = new QueueEvents(name, { connection, prefix });
    await events.waitUntilReady();
    queues.set(name, { queue: new Queue(name, { connection, prefix }), events });
  }
}, 180_000);

afterAll(async () => {
  for (const { queue, events } of queues.values()) {
    await events.close();
    await queue.close();
  }
  await catcher?.close();
  await world?.stop();
});

/** Adds a job by hand and waits for its end: the failed reason, or undefined when it completed. */
async function forge(queueName: string, jobId: string, data: unknown): Promise<{ failedReason?: string; attempts: number }> {
  const { queue, events } = queues.get(queueName)!;
  const job = await queue.add('forged', data, { jobId, attempts: 3 });
  const failedReason = await job.waitUntilFinished(events, 120_000).then(() => undefined, (err: Error) => err.message);
  const after = (await queue.getJob(jobId))!;
  return { failedReason, attempts: after.attemptsMade };
}

async function auditRefusals(): Promise<{ subject: string; reason: string }[]> {
  return (await readAudit(runtimePaths(world.deps.config).auditLog))
    .filter((e) => e.action === 'job refused')
    .map((e) => ({ subject: e.subject as string, reason: (e.after as { reason: string }).reason }));
}

async function expectRefused(queueName: string, jobId: string, data: unknown, reason: RegExp): Promise<void> {
  const r = await forge(queueName, jobId, data);
  expect(r.failedReason).toMatch(new RegExp(`^refused ${queueName} job ${jobId.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `));
  expect(r.failedReason).toMatch(reason);
  // Unrecoverable: no second attempt, whatever the job's options ask for.
  expect(r.attempts).toBe(1);
  const row = (await auditRefusals()).find((e) => e.subject === `${queueName}/${jobId}`);
  expect(row?.reason).toMatch(reason);
}

describe('a forged extraction job', () => {
  it('naming its own portal URL: refused; the fake portal never hears from the worker, no login is typed anywhere', async () => {
    const revision = 1;
    const runDir = await world.deps.store.createStaging(JOB, DATE, revision);
    const data = { runId: runIdOf(JOB, DATE, revision), job: JOB, date: DATE, revision, runDir, botId: BOT, input: { date: DATE }, portalUrl: catcher.url };
    await expectRefused(QUEUES.bots, 'forged-portal-url', data, /portalUrl/);
    expect(catcher.requests).toEqual([]);
    expect(logins).toBe(0);
    expect(existsSync(sourceStatusPath(runDir, BOT))).toBe(false);
  });

  it('the same job without the URL runs against the portal of the worker\'s config only', async () => {
    const revision = 2;
    const runDir = await world.deps.store.createStaging(JOB, DATE, revision);
    const r = await forge(QUEUES.bots, 'configured-portal', { runId: runIdOf(JOB, DATE, revision), job: JOB, date: DATE, revision, runDir, botId: BOT, input: { date: DATE } });
    expect(r.failedReason).toBeUndefined();
    expect(logins).toBeGreaterThan(0);
    expect(existsSync(sourceStatusPath(runDir, BOT))).toBe(true);
    expect(catcher.requests).toEqual([]);
  });

  it('with an unknown bot, or a runDir outside the run store (also through a symlink): refused, nothing written there', async () => {
    const store = world.deps.store;
    const revision = 3;
    const staging = await store.createStaging(JOB, DATE, revision);
    const base = { runId: runIdOf(JOB, DATE, revision), job: JOB, date: DATE, revision, runDir: staging, botId: BOT, input: { date: DATE } };
    await expectRefused(QUEUES.bots, 'unknown-bot', { ...base, botId: 'evil.exfiltrate' }, /botId: unknown bot "evil.exfiltrate"/);
    const outside = path.join(world.rt.varDir, 'elsewhere');
    mkdirSync(outside);
    await expectRefused(QUEUES.bots, 'outside-store', { ...base, runDir: outside }, /runDir ".*elsewhere" is outside/);
    symlinkSync(outside, path.join(staging, 'history'));
    await expectRefused(QUEUES.bots, 'symlink-out', { ...base, runDir: path.join(staging, 'history') }, /leads outside/);
    await expectRefused(QUEUES.bots, 'other-run', { ...base, runDir: await store.createStaging(JOB, '2026-11-19', 1) }, /is not inside the run's folder/);
    await expectRefused(QUEUES.bots, 'bad-date', { ...base, date: '2026-02-30' }, /date: expected a calendar date/);
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(staging)).toEqual(['history']);
  });
});

describe('a forged build job', () => {
  it('with an unknown job, or options that lead its sources out of the run folder: refused, nothing built', async () => {
    const store = world.deps.store;
    const revision = 4;
    const runDir = await store.createStaging(JOB, DATE, revision);
    const base = { runId: runIdOf(JOB, DATE, revision), job: JOB, date: DATE, revision, runDir, startedAt: new Date().toISOString(), options: {} };
    await expectRefused(QUEUES.reports, 'unknown-job', { ...base, job: 'drop-tables', runId: runIdOf('drop-tables', DATE, revision) }, /job: unknown job "drop-tables"/);
    await expectRefused(QUEUES.reports, 'history-out', { ...base, options: { computeHistoryFor: ['../../../../../tmp'] } }, /source folder .* is outside/);
    await expectRefused(QUEUES.reports, 'not-staging', { ...base, runDir: path.dirname(runDir) }, /runDir: .* is not the run's folder/);
    expect(readdirSync(runDir)).toEqual([]);
    expect((await store.revisions(JOB, DATE)).filter((r) => r.finished)).toEqual([]);
  });
});

describe('a forged delivery job', () => {
  /** A finished run of the store whose manifest an attacker rewrote. */
  async function craftedRun(revision: number, edit: (m: RunManifest, runDir: string) => void): Promise<string> {
    const store = world.deps.store;
    const staging = await store.createStaging(JOB, DATE, revision);
    writeFileSync(path.join(staging, 'report.xlsx'), 'the real report');
    const manifest: RunManifest = {
      runId: runIdOf(JOB, DATE, revision), job: JOB, dataDate: DATE, revision, status: 'ok', startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), durationMs: 1,
      sources: [], outputs: [{ file: 'report.xlsx', sha256: 'a'.repeat(64), bytes: 15 }], stages: {}, errors: [], details: {},
    };
    const runDir = await store.finish(manifest);
    const crafted = JSON.parse(JSON.stringify(manifest)) as RunManifest;
    edit(crafted, runDir);
    writeFileSync(path.join(runDir, 'manifest.json'), JSON.stringify(crafted));
    return runDir;
  }

  it('with ../ paths in its manifest or a symlinked output: refused; nothing copied, nothing sent', async () => {
    // What the attacker wants: a file outside the run store.
    const secret = path.join(world.rt.varDir, 'secret.txt');
    writeFileSync(secret, 'root:$6$hash');
    const outbox = runtimePaths(world.deps.config).outboxDir;

    const dotdot = await craftedRun(5, (m, runDir) => {
      m.outputs[0]!.file = path.relative(runDir, secret);
    });
    await expectRefused(QUEUES.deliver, 'dotdot', { runId: runIdOf(JOB, DATE, 5), runDir: dotdot }, /outputs\.0\.file ".*secret\.txt" is outside/);

    const renamed = await craftedRun(6, (m) => {
      m.job = '../../tmp/x';
    });
    await expectRefused(QUEUES.deliver, 'job-name', { runId: runIdOf(JOB, DATE, 6), runDir: renamed }, /job "\.\.\/\.\.\/tmp\/x" is not "daily-ops-report"/);

    const linked = await craftedRun(7, (m, runDir) => {
      symlinkSync(secret, path.join(runDir, 'evidence.xlsx'));
      m.outputs.push({ file: 'evidence.xlsx', sha256: 'b'.repeat(64), bytes: 12 });
    });
    await expectRefused(QUEUES.deliver, 'symlink', { runId: runIdOf(JOB, DATE, 7), runDir: linked }, /outputs\.1\.file "evidence\.xlsx" leads outside/);

    // A runDir of the attacker's own, with a manifest of the attacker's own.
    const own = path.join(world.rt.varDir, 'attacker-run');
    mkdirSync(own);
    writeFileSync(path.join(own, 'manifest.json'), JSON.stringify({ runId: 'x', job: '../../tmp/x', outputs: [{ file: '../../etc/shadow' }] }));
    await expectRefused(QUEUES.deliver, 'own-dir', { runId: runIdOf(JOB, DATE, 5), runDir: own }, /runDir ".*attacker-run" is outside/);
    await expectRefused(QUEUES.deliver, 'bad-id', { runId: '../../tmp/x', runDir: own }, /runId: not a run id/);

    expect(existsSync(outbox) ? readdirSync(outbox, { recursive: true }) : []).toEqual([]);
    expect(existsSync(path.join(world.rt.varDir, 'tmp'))).toBe(false);
  });
});

describe('a forged schedule fire', () => {
  it('for a job without a schedule, or a fire time in the future: refused, no run started', async () => {
    await expectRefused(TRIGGER_QUEUE, 'unscheduled', { job: 'drop-tables' }, /job: "drop-tables" has no schedule/);
    await expectRefused(TRIGGER_QUEUE, 'future', { job: JOB, fireAt: Date.now() + 400 * 86_400_000 }, /fireAt: .* is in the future/);
    await expectRefused(TRIGGER_QUEUE, 'extra', { job: JOB, date: '2026-11-20' }, /Unrecognized key/);
    expect((await world.deps.store.revisions(JOB, '2027-12-31'))).toEqual([]);
  });
});

// A demo-like run in its own process, so that the parent test sees every log line it writes
// (stdout and stderr) and every file it leaves: private Redis, every fixture portal with a known
// password, a worker with its browser, then the daily report for one date twice — r1 clean, r2
// forced while core banking shows its changed layout and drops sessions (a partial run that leaves
// evidence: screenshots, HTML, Playwright traces).
//
// Usage (env): OPSBOT_VAR_DIR, FULL_RUN_PASSWORD, FULL_RUN_ISSUED (a file outside the var folder
// that receives the session ids and CSRF tokens the portals issued), FULL_RUN_DATE.
// Prints one JSON line at the end: { runs: [{ runId, runDir, status }] }.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { parseConfig, runtimePaths } from '../../../jobs/runtime/config';
import { triggerRun, waitForRun } from '../../../jobs/runtime/flows';
import { QUEUES } from '../../../jobs/runtime/queues';
import { startEmbeddedRedis } from '../../../jobs/runtime/redis';
import { startWorker } from '../../../jobs/runtime/worker';
import { startFixtures } from '../../../fixtures/start-fixtures';
import { composeRuntime } from '../../../scripts/app/compose-runtime';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const date = env('FULL_RUN_DATE');
const password = env('FULL_RUN_PASSWORD');

const base = parseConfig();
const redis = await startEmbeddedRedis(path.join(runtimePaths(base).varDir, 'redis'));
const fixtures = await startFixtures({ seed: 7, scale: 'small', password });

// Every session id (the JSESSIONID cookie value) and CSRF token any portal hands out.
const issued: string[] = [];
for (const p of fixtures.portals) {
  const create = p.app.sessions.create.bind(p.app.sessions);
  p.app.sessions.create = (user) => {
    const s = create(user);
    issued.push(s.id, s.csrf);
    return s;
  };
}

const portals = Object.fromEntries(fixtures.portals.map((p) => [p.id, { url: p.url, username: p.login?.username, password: p.login?.password }]));
const config = { ...base, redisUrl: redis.url, portals };
const runtime = composeRuntime({ config, redis: redis.url });
const worker = await startWorker(runtime);

async function runOnce(force: boolean) {
  const t = await triggerRun(runtime, { job: 'daily-ops-report', date, force });
  const r = await waitForRun(runtime, t.runId, 300_000);
  // Delivery (outbox copy, ledger, alert) runs after the build: wait for its job, its files are
  // scanned too. A revision worse than r1 gets its alert but no outbox copy (not delivered).
  const { connection, prefix } = runtime.redis;
  const deliver = new Queue(QUEUES.deliver, { connection, prefix });
  for (let i = 0; i < 300 && (await (await deliver.getJob(`${t.runId}/deliver`))?.getState()) !== 'completed'; i++) await new Promise((res) => setTimeout(res, 100));
  await deliver.close();
  const marker = path.join(runtimePaths(config).outboxDir, 'daily-ops-report', date, `r${t.revision}`, '.delivered.json');
  return { runId: t.runId, runDir: r.runDir, status: r.status, delivered: existsSync(marker) };
}

try {
  const runs = [await runOnce(false)];
  fixtures.portal('core-banking').app.faults.set({ layoutVariant: true, dropSessionsAfter: 4 });
  runs.push(await runOnce(true));
  writeFileSync(env('FULL_RUN_ISSUED'), JSON.stringify(issued));
  console.log(JSON.stringify({ runs }));
} finally {
  await worker.close();
  await fixtures.stop();
  await redis.stop();
}

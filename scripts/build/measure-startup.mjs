#!/usr/bin/env node
// Start-up of the compiled build (the "compiled" section of docs/benchmarks.md, npm run bench):
//   - `opsbot --help` through the bin, wall and CPU time (user + system), with Node's own start
//     (`node -e 0`) and the same help from source through tsx beside it;
//   - `opsbot worker` until it prints "worker ready", with its private Redis and against a
//     running Redis (REDIS_URL).
// Median and fastest of N runs each (wall times on a shared machine vary with its load; CPU times
// vary less). Needs a build (npm run build) and redis-server. Prints the figures as JSON.
//
// Usage: node scripts/build/measure-startup.mjs [--runs 15] [--worker-runs 5]

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'scripts/bin/opsbot.mjs');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('--runs', 15);
const WORKER_RUNS = arg('--worker-runs', 5);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall and CPU ms of one run of `node ...args`, from /usr/bin/time; fails unless it exits 0. */
function timed(args) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', process.execPath, ...args], { cwd: ROOT, encoding: 'utf8' });
  const m = /TIME (\S+) (\S+) (\S+)\s*$/u.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { wallMs: Number(m[1]) * 1000, cpuMs: (Number(m[2]) + Number(m[3])) * 1000, stdout: r.stdout };
}

function series(label, args, runs) {
  const all = Array.from({ length: runs }, () => timed(args));
  const wall = all.map((x) => x.wallMs);
  const cpu = all.map((x) => x.cpuMs);
  return { label, runs, wallMedianMs: median(wall), wallMinMs: Math.min(...wall), cpuMedianMs: median(cpu), cpuMinMs: Math.min(...cpu) };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** ms from spawning `opsbot worker` until it prints "worker ready"; then SIGTERM and wait for its exit. */
function workerReady(env) {
  const varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-startup-'));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'worker', '--concurrency', '1'], { cwd: ROOT, env: { ...process.env, ...env, OPSBOT_VAR_DIR: varDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let readyMs;
    const onData = (chunk) => {
      out += chunk;
      if (readyMs === undefined && out.includes('worker ready')) {
        readyMs = performance.now() - started;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => {
      rmSync(varDir, { recursive: true, force: true });
      if (readyMs === undefined) reject(new Error(`worker exited (${code}) before it was ready:\n${out}`));
      else resolve(readyMs);
    });
  });
}

async function workerSeries(label, env) {
  const ms = [];
  for (let i = 0; i < WORKER_RUNS; i++) ms.push(await workerReady(env));
  return { label, runs: WORKER_RUNS, wallMedianMs: median(ms), wallMinMs: Math.min(...ms) };
}

async function workerSeriesBoth() {
  const privateRedis = await workerSeries('`opsbot worker` until ready, its private Redis', {});
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await sleep(500);
  try {
    return [privateRedis, await workerSeries('`opsbot worker` until ready, `REDIS_URL` (a running Redis)', { REDIS_URL: `redis://127.0.0.1:${port}` })];
  } finally {
    redis.kill('SIGTERM');
  }
}

async function main() {
  const info = JSON.parse(readFileSync(path.join(ROOT, 'dist/build-info.json'), 'utf8'));
  const { stdout } = timed([BIN, '--help']);
  if (!stdout.includes('Commands:')) throw new Error(`--help printed no command list:\n${stdout}`);
  const help = series('`opsbot --help` (compiled, through the bin)', [BIN, '--help'], RUNS);
  const bare = series('`node -e 0` (Node alone)', ['-e', '0'], RUNS);
  const source = series('`opsbot --help` from source (`node --import tsx scripts/cli/main.ts`)', ['--import', 'tsx', 'scripts/cli/main.ts', '--help'], Math.min(RUNS, 5));
  // --worker-runs 0: the worker is measured elsewhere (scripts/bench/compiled/worker-start.ts, both servers already running).
  const workers = WORKER_RUNS > 0 ? await workerSeriesBoth() : [];
  console.log(JSON.stringify({ builtAt: info.builtAt, series: [help, bare, source], workers }, null, 2));
}

await main();

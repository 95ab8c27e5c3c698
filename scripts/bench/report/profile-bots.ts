// Developer aid: runs the daily report's source bots one at a time against fixtures of one scale
// and prints, per bot, its seconds, records, and the CPU it cost by kind of process (this node
// process, which also serves the fixture portals, and Chromium's processes), with the peak PSS of
// the tree (no worker, no Redis). Add `node --cpu-prof` to see where the node side went
// (scripts/bench/profile-summary.ts); docs/benchmarks.md §3 keeps the before/after of each.
// Usage: npx tsx scripts/bench/report/profile-bots.ts [scale] [botId...]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { bots } from '../../../bots';
import { BotRuntime, closeSharedBrowser, runBot, sharedBrowser } from '../../../bots/sdk';
import { startFixtures } from '../../../fixtures/start-fixtures';
import type { Scale } from '../../../fixtures/generator/scale';
import { SOURCE_BOTS } from '../../../jobs/daily-ops-report/source-bots';
import { botIn } from '../../../jobs/runtime/registries';
import { PeakRssSampler } from '../proc-rss';
import { REPORT_DATE } from './bench-report';

type ByKind = Record<string, { cpuMs: number }>;

/** CPU seconds by kind of process from `before` to `after` (cumulative per process: the difference). */
function cpuSince(before: ByKind, after: ByKind): string {
  const delta = (kinds: string[]) => kinds.reduce((s, k) => s + (after[k]?.cpuMs ?? 0) - (before[k]?.cpuMs ?? 0), 0) / 1000;
  const chromium = Object.keys(after).filter((k) => k.startsWith('chromium'));
  return `node ${delta(['node']).toFixed(1)} s, chromium ${delta(chromium).toFixed(1)} s`;
}

const [scale = 'medium', ...only] = process.argv.slice(2);
const fixtures = await startFixtures({ seed: 42, scale: scale as Scale });
const endpoints = new Map(fixtures.portals.map((p) => [p.id, { url: p.url, username: p.login?.username, password: p.login?.password }]));
const runtime = new BotRuntime(sharedBrowser, (id) => endpoints.get(id), pino({ level: 'warn' }));
const dir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-profile-'));
try {
  for (const botId of only.length ? only : Object.values(SOURCE_BOTS)) {
    const snapshot = new PeakRssSampler(process.pid);
    snapshot.stop();
    const sampler = new PeakRssSampler(process.pid);
    const t0 = performance.now();
    const r = await runBot(runtime, botIn(bots, botId), { date: REPORT_DATE }, { runDir: dir });
    const seconds = (performance.now() - t0) / 1000;
    sampler.stop();
    console.log(`${botId.padEnd(30)} ${seconds.toFixed(1).padStart(6)} s  ${String(r.count).padStart(7)} records  ${cpuSince(snapshot.cpuByKind(), sampler.cpuByKind())}  peak PSS ${sampler.peakPssMb().toFixed(0)} MB`);
  }
} finally {
  await closeSharedBrowser();
  await fixtures.stop();
  await rm(dir, { recursive: true, force: true });
}

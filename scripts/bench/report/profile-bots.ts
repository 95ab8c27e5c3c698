// Developer aid: runs the daily report's source bots one at a time against medium fixtures and
// prints each one's seconds and records (no worker, no Redis), to find where extraction spends time.
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
import { REPORT_DATE } from './bench-report';

const [scale = 'medium', ...only] = process.argv.slice(2);
const fixtures = await startFixtures({ seed: 42, scale: scale as Scale });
const endpoints = new Map(fixtures.portals.map((p) => [p.id, { url: p.url, username: p.login?.username, password: p.login?.password }]));
const runtime = new BotRuntime(sharedBrowser, (id) => endpoints.get(id), pino({ level: 'warn' }));
const dir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-profile-'));
try {
  for (const botId of only.length ? only : Object.values(SOURCE_BOTS)) {
    const t0 = performance.now();
    const r = await runBot(runtime, botIn(bots, botId), { date: REPORT_DATE }, { runDir: dir });
    console.log(`${botId.padEnd(30)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${r.count} records`);
  }
} finally {
  await closeSharedBrowser();
  await fixtures.stop();
  await rm(dir, { recursive: true, force: true });
}

// (a) opsbot: the registry.company bot through runBot, as a worker runs it (pages read as documents
// over plain HTTP, the registry being public: the browser is started only if the bot asks for it;
// `concurrency` lookups in flight; pages kept; records validated and written to the run folder's JSONL).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { RegistryLookupResult } from '../../../bots/records';
import registryCompany from '../../../bots/registry/company.bot';
import { BotRuntime, launchBrowser, runBot } from '../../../bots/sdk';
import { summarise } from './lookup-set';
import type { RegistryContenderArgs, RegistryContenderResult } from './registry-result';

/** The portal's rate limit is off for the benchmark, so the bot's own pacer must not be the limit. */
const UNPACED = 10_000;

export async function runOpsbotRegistry(args: RegistryContenderArgs): Promise<RegistryContenderResult> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let browser: Promise<Browser> | undefined;
  // How long Chromium took to start: part of opsbot's wall time that no HTTP-only contender pays.
  let launchMs = 0;
  const launch = async (): Promise<Browser> => {
    const started = performance.now();
    const b = await launchBrowser({ chromiumPath: args.chromiumPath });
    launchMs = performance.now() - started;
    return b;
  };
  const runtime = new BotRuntime(() => (browser ??= launch()), () => ({ url: args.baseUrl }), pino({ level: 'warn' }));
  try {
    const result = await runBot(runtime, registryCompany, { uscc: args.codes, concurrency: args.concurrency, requestsPerSecond: UNPACED }, { runDir: args.dir });
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const lines = readFileSync(path.join(args.dir, result.file), 'utf8').split('\n').filter(Boolean);
    const records = lines.map((l) => RegistryLookupResult.parse(JSON.parse(l)));
    return {
      contender: 'opsbot',
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      summary: summarise(records),
      notes: {
        bot: `${registryCompany.id}@${registryCompany.version}`,
        read: browser ? 'documents over HTTP with the browser session + node-html-parser' : 'documents over plain HTTP (public registry, no browser started) + node-html-parser',
        concurrency: args.concurrency, requestsPerSecond: UNPACED, browserLaunchMs: Math.round(launchMs),
      },
    };
  } finally {
    if (browser) await (await browser).close();
  }
}

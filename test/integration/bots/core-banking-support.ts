// Shared set-up of the core-banking bot tests: a portal on port 0, a runtime with a known login,
// and running one bot into a fresh run folder.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { coreBankingPortal } from '../../../bots/core-banking/portal';
import { BotRuntime, runBot, type AnyBot, type BotRunResult } from '../../../bots/sdk';
import type { World } from '../../../fixtures/generator/world';
import type { PortalApp } from '../../../fixtures/kit/portal-app';
import { createCoreBankingPortal } from '../../../fixtures/portals/core-banking/server';

export const LOGIN = { username: 'ops01', password: 'cb-test-password-1' };

export interface Harness {
  portal: PortalApp;
  runtime: BotRuntime;
  run(bot: AnyBot, input: unknown): Promise<{ result: BotRunResult; records: unknown[]; runDir: string }>;
  /** Logins the runtime made to this portal so far. */
  logins(): number;
  /** A fresh run folder, removed by `close()`. */
  runDir(): Promise<string>;
  /** Stops the portal and removes the run folders. */
  close(): Promise<void>;
}

export async function startHarness(world: World, browser: Browser): Promise<Harness> {
  const portal = createCoreBankingPortal(world, LOGIN);
  const url = await portal.listen(0);
  const runtime = new BotRuntime(async () => browser, () => ({ url, ...LOGIN }), pino({ level: 'silent' }));
  const dirs: string[] = [];
  const runDir = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-cb-'));
    dirs.push(dir);
    return dir;
  };
  return {
    portal,
    runtime,
    logins: () => runtime.session(coreBankingPortal).logins,
    runDir,
    async run(bot, input) {
      const dir = await runDir();
      const result = await runBot(runtime, bot, input, { runDir: dir });
      const text = await readFile(path.join(dir, result.file), 'utf8');
      return { result, runDir: dir, records: text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown) };
    },
    async close() {
      await portal.close();
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}

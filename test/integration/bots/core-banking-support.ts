// Shared set-up of the core-banking bot tests: a portal on port 0, a runtime with a known login,
// and running one bot into a fresh run folder.
import { mkdtemp, readFile } from 'node:fs/promises';
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
}

export async function startHarness(world: World, browser: Browser): Promise<Harness> {
  const portal = createCoreBankingPortal(world, LOGIN);
  const url = await portal.listen(0);
  const runtime = new BotRuntime(async () => browser, () => ({ url, ...LOGIN }), pino({ level: 'silent' }));
  return {
    portal,
    runtime,
    logins: () => runtime.session(coreBankingPortal, url).logins,
    async run(bot, input) {
      const runDir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-cb-'));
      const result = await runBot(runtime, bot, input, { runDir, baseUrl: url });
      const text = await readFile(path.join(runDir, result.file), 'utf8');
      return { result, runDir, records: text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown) };
    },
  };
}

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { BotRuntime, runBot, type AnyBot, type BotRunResult } from '../../../bots/sdk';
import type { FixtureLogin } from '../../../fixtures/portals/types';

export interface FixtureBotRun {
  result: BotRunResult;
  records: unknown[];
  runtime: BotRuntime;
}

/**
 * Runs one bot against a fixture portal as a worker would (its own runtime, so its own login),
 * and reads back the JSONL it wrote. A temporary run folder is removed afterwards; pass `runDir`
 * to keep the folder (and look at evidence files). BOT_TEST_LOG=debug shows the bot's log.
 */
export async function runFixtureBot(
  browser: Browser, bot: AnyBot, portal: { url: string; login: FixtureLogin }, input: unknown, opts: { runDir?: string } = {},
): Promise<FixtureBotRun> {
  const runtime = new BotRuntime(async () => browser, () => ({ url: portal.url, ...portal.login }), pino({ level: process.env.BOT_TEST_LOG ?? 'silent' }));
  const runDir = opts.runDir ?? (await mkdtemp(path.join(os.tmpdir(), 'opsbot-bot-')));
  try {
    const result = await runBot(runtime, bot, input, { runDir });
    const text = await readFile(path.join(runDir, result.file), 'utf8');
    return { result, records: text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown), runtime };
  } finally {
    if (!opts.runDir) await rm(runDir, { recursive: true, force: true });
  }
}

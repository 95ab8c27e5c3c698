// Runs core-banking.customer-change once in its own process, as a worker would, so a test can
// SIGKILL it between the submit and the answer. Reads CHANGE_PORTAL (JSON: url, username,
// password), CHANGE_INPUT (JSON) and CHANGE_RUN_DIR; prints "submitting" when it starts and the
// record it wrote on success.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import customerChangeBot from '../../../bots/core-banking/customer-change.bot';
import { BotRuntime, launchBrowser, runBot } from '../../../bots/sdk';

const portal = JSON.parse(process.env.CHANGE_PORTAL ?? '{}') as { url: string; username: string; password: string };
const input = JSON.parse(process.env.CHANGE_INPUT ?? '{}') as unknown;
const runDir = process.env.CHANGE_RUN_DIR ?? '';

const browser = await launchBrowser();
try {
  const runtime = new BotRuntime(async () => browser, () => portal, pino({ level: 'silent' }));
  console.log('submitting');
  const result = await runBot(runtime, customerChangeBot, input, { runDir });
  console.log(await readFile(path.join(runDir, result.file), 'utf8'));
} finally {
  await browser.close();
}

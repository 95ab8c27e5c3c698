import path from 'node:path';
import type { AnyBot } from './define-bot';
import type { BotRuntime } from './bot-runtime';
import { RuntimeBotContext } from './context';
import { Evidence } from './evidence';
import { IncompleteExtractionError, LayoutError } from './errors';
import { JsonlWriter } from './jsonl-writer';

export interface BotRunResult {
  botId: string;
  botVersion: string;
  count: number;
  /** The total the portal stated, when the bot declared one. */
  expected: number | null;
  file: string;
  sha256: string;
  durationMs: number;
}

export interface RunBotOptions {
  runDir: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total?: number) => void;
}

/**
 * Runs one bot: validates its input, streams its records (each validated against the bot's record
 * schema) to `<runDir>/sources/<botId>.jsonl`, and checks completeness against the portal's total.
 * The file appears only if the whole extraction succeeded.
 */
export async function runBot(runtime: BotRuntime, bot: AnyBot, rawInput: unknown, opts: RunBotOptions): Promise<BotRunResult> {
  const started = Date.now();
  const input = bot.input.safeParse(rawInput);
  if (!input.success) throw new Error(`${bot.id}: invalid input: ${input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const log = runtime.log.child({ bot: bot.id });
  const evidence = new Evidence(path.join(opts.runDir, 'evidence', bot.id), opts.runDir, async () => [...runtime.secrets(), ...(await ctx.secretValues())]);
  const ctx: RuntimeBotContext = new RuntimeBotContext({
    secrets: () => runtime.secrets(),
    botId: bot.id,
    runDir: opts.runDir,
    browser: await runtime.browser(),
    session: runtime.session(bot.portal),
    log,
    evidence,
    signal: opts.signal ?? new AbortController().signal,
    onProgress: opts.onProgress,
  });
  const writer = await JsonlWriter.open(path.join(opts.runDir, 'sources', `${bot.id}.jsonl`));
  try {
    for await (const record of bot.run(ctx, input.data)) {
      const parsed = bot.record.safeParse(record);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new LayoutError(issue.path.join('.'), ctx.baseUrl, `record ${writer.count + 1} does not match the ${bot.id} schema: ${issue.message}`);
      }
      await writer.write(parsed.data);
    }
    if (ctx.expectedTotal !== undefined && ctx.expectedTotal !== writer.count) {
      throw new IncompleteExtractionError(bot.id, ctx.expectedTotal, writer.count);
    }
    const sha256 = await writer.commit();
    log.info({ count: writer.count }, 'extraction complete');
    return {
      botId: bot.id, botVersion: bot.version, count: writer.count, expected: ctx.expectedTotal ?? null,
      file: path.relative(opts.runDir, writer.file), sha256, durationMs: Date.now() - started,
    };
  } catch (err) {
    await writer.abort();
    throw err;
  } finally {
    await ctx.close();
  }
}

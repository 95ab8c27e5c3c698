import path from 'node:path';
import type { AnyBot } from './define-bot';
import type { BotRuntime } from './bot-runtime';
import { RuntimeBotContext } from './context';
import { Evidence } from './evidence';
import { IncompleteExtractionError, JobCancelledError, LayoutError, NonRetryableError, throwIfCancelled } from './errors';
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
  /**
   * The job's cancellation: the worker passes BullMQ's processor signal (fired by
   * `worker.cancelJob`). It becomes `ctx.signal`; when it fires the run stops between steps,
   * records and lookups and rejects with JobCancelledError.
   */
  signal?: AbortSignal;
  onProgress?: (done: number, total?: number) => void;
  /** Each record as written (validated), e.g. for a job's work alongside the extraction. Must not throw. */
  onRecord?: (record: unknown) => void;
}

/**
 * Runs one bot: validates its input, streams its records (each validated against the bot's record
 * schema) to `<runDir>/sources/<botId>.jsonl`, and checks completeness against the portal's total.
 * The file appears only if the whole extraction succeeded.
 *
 * Cancellation (`opts.signal`) is checked before the run and after every record; steps, `goto` and
 * `sleep` stop on it too. Whatever the bot was doing, a cancelled run rejects with
 * JobCancelledError, after its generator's `finally` blocks ran and its browser context closed.
 */
export async function runBot(runtime: BotRuntime, bot: AnyBot, rawInput: unknown, opts: RunBotOptions): Promise<BotRunResult> {
  const started = Date.now();
  const signal = cancellationOf(opts.signal);
  throwIfCancelled(signal);
  const input = bot.input.safeParse(rawInput);
  if (!input.success) throw new NonRetryableError(`${bot.id}: invalid input: ${input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const log = runtime.log.child({ bot: bot.id });
  const evidence = new Evidence(path.join(opts.runDir, 'evidence', bot.id), opts.runDir, async () => [...runtime.secrets(), ...(await ctx.secretValues())]);
  const ctx: RuntimeBotContext = new RuntimeBotContext({
    secrets: () => runtime.secrets(),
    botId: bot.id,
    runDir: opts.runDir,
    browser: runtime.browser,
    session: runtime.session(bot.portal),
    log,
    evidence,
    signal,
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
      opts.onRecord?.(parsed.data);
      // Between records: leaving the loop returns the generator, so its `finally` blocks run.
      throwIfCancelled(signal);
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
    // Whatever broke once the job was cancelled (a page closed under a step) is the cancellation.
    if (signal.aborted && !(err instanceof JobCancelledError)) throw new JobCancelledError(JobCancelledError.of(signal).reason, { cause: err });
    throw err;
  } finally {
    await ctx.close();
  }
}

/**
 * `ctx.signal`: follows the job's signal, with a JobCancelledError as its reason (BullMQ aborts
 * with a plain string), so `signal.throwIfAborted()` and `sleep` anywhere in a bot raise the typed
 * error. Without a job signal (a test, a bench) it never fires.
 */
function cancellationOf(jobSignal: AbortSignal | undefined): AbortSignal {
  const controller = new AbortController();
  if (!jobSignal) return controller.signal;
  if (jobSignal.aborted) controller.abort(JobCancelledError.of(jobSignal));
  else jobSignal.addEventListener('abort', () => controller.abort(JobCancelledError.of(jobSignal)), { once: true });
  return controller.signal;
}

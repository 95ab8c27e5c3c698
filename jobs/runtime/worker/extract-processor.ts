import { UnrecoverableError, type Job } from 'bullmq';
import { LayoutError, NonRetryableError, runBot, type BotRuntime } from '../../../bots/sdk';
import { QUEUES, type ExtractPayload } from '../queues';
import { botIn } from '../registries';
import type { RuntimeDeps } from '../runtime-deps';
import { writeSourceStatus } from '../run-store';
import { admitted } from './admit-job';
import { startAlongside } from './alongside';
import { checkExtractPayload } from './payload-checks';

/**
 * Runs one extraction child, against the portal this deployment's config names (a job never says
 * where a portal is: see queues/queue-namespace.ts). On its last attempt (or on an error that retrying cannot fix) it
 * leaves a failed status with the error and evidence, so the build says what is missing and why.
 *
 * Errors by type (bots/sdk/errors): a NonRetryableError (changed layout, incomplete extraction,
 * invalid input, cancellation) fails the job for good as BullMQ's UnrecoverableError; anything else
 * (portal faults past the step's retries, a crashed browser) is BullMQ's to retry.
 */
export function extractProcessor(runtime: BotRuntime, deps: Pick<RuntimeDeps, 'config' | 'jobs' | 'bots' | 'store' | 'log'>) {
  // Three parameters: BullMQ hands the job's abort signal only to a processor that declares it (it
  // reads `processor.length`). `worker.cancelJob` fires it (queues/cancel-requests.ts); runBot
  // makes it `ctx.signal`, and the bot stops between steps with a JobCancelledError.
  return async (job: Job<ExtractPayload>, _token?: string, signal?: AbortSignal) => {
    // A refused payload fails here, before its runDir is written to (not even a failed status).
    const payload = await admitted(QUEUES.bots, job, (data) => checkExtractPayload(data, deps), deps);
    const { botId, runDir, input } = payload;
    const bot = botIn(deps.bots, botId);
    // The job's own work on these records while they come (a head start for its build), if it has any.
    const alongside = startAlongside(runtime, deps, payload, signal);
    try {
      const result = await runBot(runtime, bot, input, {
        runDir,
        signal,
        onProgress: (done, total) => void job.updateProgress({ done, total }).catch(() => undefined),
        ...(alongside.onRecord ? { onRecord: alongside.onRecord } : {}),
      }).catch(async (err: unknown) => {
        await alongside.finish(false);
        throw err;
      });
      await alongside.finish(true);
      await writeSourceStatus(runDir, { ...result, status: 'ok', evidence: [] });
      return result;
    } catch (err) {
      const unrecoverable = err instanceof NonRetryableError;
      const final = unrecoverable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final) {
        await writeSourceStatus(runDir, {
          botId, botVersion: bot.version, status: 'failed', count: null, expected: null, file: null, sha256: null, durationMs: null,
          error: (err as Error).message, evidence: err instanceof LayoutError ? err.evidence : [],
        });
      }
      if (unrecoverable) throw new UnrecoverableError(err.message);
      throw err;
    }
  };
}

/**
 * Base of every error that trying again cannot fix: the portal's layout changed, the records do
 * not add up to the stated total, the job was cancelled, the input is invalid. `ctx.step` fails at
 * once and the worker turns it into BullMQ's `UnrecoverableError`, so the job is not retried
 * (jobs/runtime/worker/extract-processor.ts).
 *
 * An expected outcome of one item (company not found, request already filed) is none of these:
 * it is a record the bot yields, never an exception that sinks the extraction.
 *
 * @example
 * throw new NonRetryableError(`${botId}: input names no account file`);
 */
export class NonRetryableError extends Error {
  override name = 'NonRetryableError';
}

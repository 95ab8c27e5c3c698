/**
 * Base of every fault worth trying again: the portal is busy, slow, down for a moment, or dropped
 * our session. `ctx.step` retries the step (backoff with jitter, or a fresh login); when the step's
 * attempts run out the worker lets BullMQ retry the whole extraction job.
 *
 * Like Crawlee's error classes, it says what the runtime does, not what went wrong: a bot or reader
 * that meets a new kind of transient fault extends this class and needs no change to the runtime.
 *
 * @example
 * class GatewayBusyError extends RetryableError { override name = 'GatewayBusyError'; }
 */
export class RetryableError extends Error {
  override name = 'RetryableError';
}

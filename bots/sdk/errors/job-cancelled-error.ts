import { NonRetryableError } from './non-retryable-error';

/**
 * The job's abort signal fired (`opsbot runs cancel`, through BullMQ's `worker.cancelJob`): the SDK
 * stops between steps, records and lookups and raises this. Never retried; the worker records the
 * source as cancelled. `reason` is what the canceller said (BullMQ's `signal.reason`).
 */
export class JobCancelledError extends NonRetryableError {
  override name = 'JobCancelledError';
  constructor(readonly reason: string, options?: ErrorOptions) {
    super(`cancelled: ${reason}`, options);
  }

  /**
   * The error a fired signal stands for, whatever reason it was aborted with: a string (BullMQ's
   * `cancelJob(id, reason)`), a JobCancelledError already, or nothing (a plain `abort()`).
   */
  static of(signal: AbortSignal): JobCancelledError {
    const reason: unknown = signal.reason;
    if (reason instanceof JobCancelledError) return reason;
    if (typeof reason === 'string' && reason) return new JobCancelledError(reason);
    if (reason instanceof Error && reason.name !== 'AbortError') return new JobCancelledError(reason.message, { cause: reason });
    return new JobCancelledError('the job was aborted');
  }
}

/** Throws the JobCancelledError of `signal` if it fired: the check the SDK makes between steps. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw JobCancelledError.of(signal);
}

import { NonRetryableError } from './non-retryable-error';

/**
 * The number of records read differs from the total the portal states: never a silent partial
 * result. Not retried: a portal that cuts pages or exports short does so again, and a retry that
 * happened to come out whole would hide it; the build reports the source as missing, with why.
 */
export class IncompleteExtractionError extends NonRetryableError {
  override name = 'IncompleteExtractionError';
  constructor(readonly botId: string, readonly expected: number, readonly actual: number) {
    super(`${botId}: read ${actual} records but the portal states ${expected}`);
  }
}

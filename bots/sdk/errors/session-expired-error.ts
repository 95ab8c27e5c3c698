import { RetryableError } from './retryable-error';

/** The portal dropped our session (login page, 401, expired page). The runtime logs in again and retries the step. */
export class SessionExpiredError extends RetryableError {
  override name = 'SessionExpiredError';
}

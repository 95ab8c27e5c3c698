/** The portal dropped our session (login page, 401, expired page). The runtime logs in again and retries the step. */
export class SessionExpiredError extends Error {
  override name = 'SessionExpiredError';
}

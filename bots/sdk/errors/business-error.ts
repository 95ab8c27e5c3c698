/**
 * An expected outcome of the business, not a fault: e.g. the registry has no company with this
 * code. Recorded with the item, never retried (at the worker boundary it becomes BullMQ's
 * UnrecoverableError).
 */
export class BusinessError extends Error {
  override name = 'BusinessError';
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

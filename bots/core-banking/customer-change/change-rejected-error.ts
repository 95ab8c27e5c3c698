import { NonRetryableError } from '../../sdk';

/**
 * Core banking refused the change, for a reason a retry cannot change: the portal's validation
 * messages (`validation`), a pending request of someone else for the same field (`duplicate`), an
 * account that is gone (`account-not-found`), or a rejection the bot does not know (`rejected`).
 * `portalMessage` is the portal's own text, shown to the clerk word for word; `evidence` lists the
 * (masked) screenshot and HTML of the answer, relative to the run folder.
 *
 * @example
 * if (err instanceof ChangeRejectedError && err.kind === 'validation') returnToClerk(err.portalMessage);
 */
export class ChangeRejectedError extends NonRetryableError {
  override name = 'ChangeRejectedError';
  evidence: string[] = [];
  constructor(
    readonly kind: 'validation' | 'duplicate' | 'account-not-found' | 'rejected',
    readonly portalMessage: string,
  ) {
    super(`core banking refused the change (${kind}): ${portalMessage}`);
  }
}

import { NonRetryableError } from './non-retryable-error';

/**
 * A selector no longer matches: the portal changed. Never retried: the run stops at once with
 * evidence (screenshot, HTML, trace) and admins are told which selector failed on which page.
 */
export class LayoutError extends NonRetryableError {
  override name = 'LayoutError';
  evidence: string[] = [];
  constructor(readonly selector: string, readonly pageUrl: string, detail = '') {
    super(`layout changed: selector ${JSON.stringify(selector)} no longer matches on ${pageUrl}${detail ? ` (${detail})` : ''}`);
  }
}

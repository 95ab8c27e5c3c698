/**
 * What a portal answered to one read that did not render the page (HTTP with the browser's
 * session, or a fetch inside the page): the exact bytes, as received, and the headers the readers
 * classify and decode by. Bots parse it with `HtmlDocument.of(answer)` and may keep the bytes as
 * evidence (`PageStore`).
 */
export interface PageAnswer {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  contentType: string | null;
  /** The Retry-After header (seconds), if any. */
  retryAfter: string | null;
  bytes: Uint8Array;
  /** When the answer arrived (ISO 8601, UTC). */
  fetchedAt: string;
}

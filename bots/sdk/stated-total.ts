import type { Page } from 'playwright-core';
import { IncompleteExtractionError, LayoutError } from './errors';
import { requireElement } from './require-element';

/** "共 1,234 条" (the total a bank portal states under a table) → 1234; undefined when absent. */
export function parseStatedTotal(text: string): number | undefined {
  const m = /共\s*([\d,]+)\s*条/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
}

/** The "共 N 条" shown in `selector`; a LayoutError when the element or the number is not there. */
export async function readStatedTotal(page: Page, selector: string, timeoutMs?: number): Promise<number> {
  const text = (await (await requireElement(page, selector, timeoutMs)).first().textContent()) ?? '';
  const n = parseStatedTotal(text);
  if (n === undefined) throw new LayoutError(selector, page.url(), `no "共 N 条" in ${JSON.stringify(text.trim().slice(0, 80))}`);
  return n;
}

/**
 * Every page of one listing must state the total its first page stated: a total that moves while
 * we page (rows booked meanwhile) would make a mix of two moments look complete.
 */
export function checkSameTotal(listing: string, first: number, later: number, pageNo: number): void {
  if (later !== first) throw new Error(`${listing}: the portal's total changed from ${first} to ${later} while paging (page ${pageNo})`);
}

/** The rows read of one listing against its stated total: never a silent partial result. */
export function checkReadAll(botId: string, stated: number, read: number): void {
  if (read !== stated) throw new IncompleteExtractionError(botId, stated, read);
}

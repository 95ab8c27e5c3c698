import type { Locator, Page } from 'playwright-core';
import { LayoutError } from './errors';

/**
 * Waits for an element a page object relies on. When it never appears the portal's layout has
 * changed: a LayoutError names the selector and the page, instead of a vague timeout later.
 */
export async function requireElement(page: Page, selector: string, timeoutMs = 5_000): Promise<Locator> {
  const locator = page.locator(selector);
  try {
    await locator.first().waitFor({ state: 'attached', timeout: timeoutMs });
  } catch {
    throw new LayoutError(selector, page.url());
  }
  return locator;
}

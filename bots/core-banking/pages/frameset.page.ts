import type { Frame, Page } from 'playwright-core';
import { INTERNAL_LOGIN_FORM, LayoutError, LoginPage, PortalError, SessionExpiredError } from '../../sdk';

/**
 * The shell after login: a frameset with the menu frame on top and the content frame below.
 * The bot reads the menu as a user would to find where a function lives, then opens that URL.
 */
export class FramesetPage {
  constructor(private readonly page: Page) {}

  /** The href of the menu item labelled `label`, e.g. 交易流水查询 → /txn/list. */
  async menuLink(label: string): Promise<string> {
    const menu = await this.menuFrame();
    if ((await LoginPage.isShown(menu, INTERNAL_LOGIN_FORM)) || (await LoginPage.isShown(this.page, INTERNAL_LOGIN_FORM))) {
      throw new SessionExpiredError(`session expired: login page in the menu frame at ${this.page.url()}`);
    }
    const link = menu.locator('#menu a', { hasText: label });
    try {
      await link.first().waitFor({ state: 'attached', timeout: 5_000 });
    } catch {
      throw new LayoutError(`frame[name=menu] #menu a:has-text("${label}")`, menu.url(), `menu item ${label} not found`);
    }
    const href = await link.first().getAttribute('href');
    if (!href?.startsWith('/')) throw new LayoutError(`#menu a:has-text("${label}")`, menu.url(), `menu item ${label} has no usable href (${href})`);
    return href;
  }

  /** The loaded menu frame; a 5xx inside a frame does not show at the top, so it is checked here. */
  private async menuFrame(): Promise<Frame> {
    // The frameset's DOMContentLoaded comes before its frames exist when the portal is slow:
    // wait for the frame element, then for the frame's own document.
    const element = await this.page.waitForSelector('frame[name=menu]', { state: 'attached', timeout: 15_000 }).catch(() => null);
    const frame = await element?.contentFrame();
    if (!frame) throw new LayoutError('frame[name=menu]', this.page.url(), 'the frameset has no menu frame');
    await frame.waitForLoadState('domcontentloaded', { timeout: 30_000 });
    const h1 = frame.locator('h1');
    const heading = (await h1.count()) > 0 ? ((await h1.first().textContent()) ?? '').trim() : '';
    if (/^(5\d\d|429)\b/.test(heading)) throw new PortalError(`menu frame answered ${heading}`, Number(heading.slice(0, 3)));
    return frame;
  }
}

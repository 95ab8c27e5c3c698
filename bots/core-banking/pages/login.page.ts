import type { Page } from 'playwright-core';
import type { Credentials } from '../../sdk';

/**
 * The login screen shared by the bank's internal portals (form with CSRF token, session cookie).
 * The password is typed with `fill` in a context that is never traced.
 */
export class LoginPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  static async isShown(page: Page): Promise<boolean> {
    return (await page.locator('#login-form').count()) > 0;
  }

  async login(creds: Credentials): Promise<void> {
    await this.page.goto(new URL('/login', this.baseUrl).toString());
    await this.page.locator('#username').fill(creds.username);
    await this.page.locator('#password').fill(creds.password);
    await Promise.all([this.page.waitForURL((u) => !u.pathname.startsWith('/login') || u.search.includes('error')), this.page.locator('#login-submit').click()]);
    if (await LoginPage.isShown(this.page)) throw new Error(`login to ${this.baseUrl} refused: check the portal's username and password`);
  }
}

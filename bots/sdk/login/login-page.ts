import type { Frame, Page } from 'playwright-core';
import type { Credentials } from './credentials';
import type { LoginForm } from './login-form';

/**
 * The login screen of a portal kind, described by its `LoginForm`. The password is typed with
 * `fill` in a context that is never traced (see PortalSession).
 *
 * @example
 * await new LoginPage(page, 'https://aml.bank.local', INTERNAL_LOGIN_FORM).login(creds);
 * if (await LoginPage.isShown(page, INTERNAL_LOGIN_FORM)) throw new SessionExpiredError('...');
 */
export class LoginPage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
    private readonly form: LoginForm,
  ) {}

  /** Whether `target` (a page, or a frame of one) shows the login form instead of content. */
  static async isShown(target: Page | Frame, form: LoginForm): Promise<boolean> {
    return (await target.locator(form.form).count()) > 0;
  }

  async login(creds: Credentials): Promise<void> {
    const { page, form } = this;
    await page.goto(new URL(form.path, this.baseUrl).toString());
    await page.locator(form.username).fill(creds.username);
    await page.locator(form.password).fill(creds.password);
    // A refused login comes back to the login path with an error in the query; any other URL is in.
    const answered = page.waitForURL((u) => !u.pathname.startsWith(form.path) || u.search.includes('error'));
    await Promise.all([answered, page.locator(form.submit).click()]);
    if (await LoginPage.isShown(page, form)) throw new Error(`login to ${this.baseUrl} refused: check the portal's username and password`);
  }
}

import type { Page } from 'playwright-core';
import type { Credentials } from './login/credentials';
import type { LoginForm } from './login/login-form';
import { LoginPage } from './login/login-page';

export type { Credentials };

/**
 * A portal: where a group of bots logs in. One login per portal per worker, shared by its bots.
 *
 * @example
 * export const coreBanking = definePortal({
 *   id: 'core-banking', title: '核心业务系统',
 *   loginForm: INTERNAL_LOGIN_FORM,   // brings login and isLoginPage (the SDK's LoginPage)
 * });
 */
export interface PortalDefinition {
  /** Also the config key: OPSBOT_PORTAL_<ID>_URL / _USERNAME / _PASSWORD. */
  id: string;
  title: string;
  /**
   * The portal kind's login screen. Gives `login` and `isLoginPage` (the SDK's LoginPage), and lets
   * readers that do not render tell the login page from content by the same selector.
   */
  loginForm?: LoginForm;
  /** Logs in on a fresh page. Runs in a context without tracing, so the password is never recorded. */
  login?: (page: Page, creds: Credentials, baseUrl: string) => Promise<void>;
  /** True when the page shows the login form or an expired-session page instead of content. */
  isLoginPage?: (page: Page) => Promise<boolean>;
  /**
   * The title of the page the portal shows when overloaded; every reader (render, in-page, HTTP)
   * treats such a page as a transient PortalError. Default /系统繁忙|请稍后再试/ (classify-answer.ts).
   */
  busyText?: RegExp;
  /** Block images, fonts and media (speed) unless a bot needs them, e.g. for evidence screenshots. */
  blockResources?: boolean;
}

export function definePortal(def: PortalDefinition): PortalDefinition {
  if (!/^[a-z][a-z0-9-]*$/.test(def.id)) throw new Error(`portal id ${JSON.stringify(def.id)}: use kebab-case`);
  if (!def.title) throw new Error(`portal ${def.id}: title is required`);
  if (def.loginForm) {
    if (def.login || def.isLoginPage) throw new Error(`portal ${def.id}: loginForm brings login and isLoginPage; give one or the other`);
    return withLoginForm(def, def.loginForm);
  }
  if (!!def.login !== !!def.isLoginPage) {
    throw new Error(`portal ${def.id}: login and isLoginPage go together`);
  }
  return def;
}

function withLoginForm(def: PortalDefinition, form: LoginForm): PortalDefinition {
  return {
    ...def,
    login: (page, creds, baseUrl) => new LoginPage(page, baseUrl, form).login(creds),
    isLoginPage: (page) => LoginPage.isShown(page, form),
  };
}

import type { Page } from 'playwright-core';

export interface Credentials {
  username: string;
  password: string;
}

/**
 * A portal: where a group of bots logs in. One login per portal per worker, shared by its bots.
 *
 * @example
 * export const coreBanking = definePortal({
 *   id: 'core-banking', title: '核心业务系统',
 *   login: (page, creds, baseUrl) => new LoginPage(page, baseUrl).login(creds),
 *   isLoginPage: (page) => LoginPage.isShown(page),
 * });
 */
export interface PortalDefinition {
  /** Also the config key: OPSBOT_PORTAL_<ID>_URL / _USERNAME / _PASSWORD. */
  id: string;
  title: string;
  /** Logs in on a fresh page. Runs in a context without tracing, so the password is never recorded. */
  login?: (page: Page, creds: Credentials, baseUrl: string) => Promise<void>;
  /** True when the page shows the login form or an expired-session page instead of content. */
  isLoginPage?: (page: Page) => Promise<boolean>;
  /** Block images, fonts and media (speed) unless a bot needs them, e.g. for evidence screenshots. */
  blockResources?: boolean;
}

export function definePortal(def: PortalDefinition): PortalDefinition {
  if (!/^[a-z][a-z0-9-]*$/.test(def.id)) throw new Error(`portal id ${JSON.stringify(def.id)}: use kebab-case`);
  if (!def.title) throw new Error(`portal ${def.id}: title is required`);
  if (!!def.login !== !!def.isLoginPage) {
    throw new Error(`portal ${def.id}: login and isLoginPage go together`);
  }
  return def;
}

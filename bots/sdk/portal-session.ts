import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import type { Credentials, PortalDefinition } from './define-portal';

type StorageState = Exclude<BrowserContextOptions['storageState'], string | undefined>;

/**
 * One login per portal per worker: the storage state (session cookie) of a login, shared by every
 * job's context. Logging in happens in a throw-away context that is never traced, so the password
 * cannot end up in a trace file.
 */
export class PortalSession {
  private state: Promise<StorageState> | undefined;
  logins = 0;

  constructor(
    readonly portal: PortalDefinition,
    readonly baseUrl: string,
    private readonly credentials: () => Credentials | undefined,
  ) {}

  /** The current login's storage state, logging in first if needed. Concurrent callers share one login. */
  storageState(browser: Browser): Promise<StorageState> {
    this.state ??= this.login(browser).catch((err: unknown) => {
      this.state = undefined;
      throw err;
    });
    return this.state;
  }

  /** Forgets the login whose state is `stale` and logs in again (once, however many callers noticed). */
  async renew(browser: Browser, stale: StorageState | undefined): Promise<StorageState> {
    if (this.state && (await this.state.catch(() => undefined)) === stale) this.state = undefined;
    return this.storageState(browser);
  }

  private async login(browser: Browser): Promise<StorageState> {
    if (!this.portal.login) return { cookies: [], origins: [] };
    const creds = this.credentials();
    if (!creds) {
      const id = this.portal.id.toUpperCase().replace(/-/g, '_');
      throw new Error(`no credentials for portal ${this.portal.id}: set OPSBOT_PORTAL_${id}_USERNAME and _PASSWORD or a secrets file`);
    }
    const context = await browser.newContext({ baseURL: this.baseUrl });
    try {
      const page = await context.newPage();
      await this.portal.login(page, creds, this.baseUrl);
      this.logins += 1;
      return await context.storageState();
    } finally {
      await context.close();
    }
  }
}

/** Applies a (renewed) login to an existing context without closing its pages. */
export async function applyStorageState(context: BrowserContext, state: StorageState): Promise<void> {
  await context.clearCookies();
  await context.addCookies(state.cookies);
}

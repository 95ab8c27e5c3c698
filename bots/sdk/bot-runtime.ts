import type { Browser } from 'playwright-core';
import type { Logger } from 'pino';
import type { Credentials, PortalDefinition } from './define-portal';
import { PortalSession } from './portal-session';

export interface PortalEndpoint {
  url?: string;
  username?: string;
  password?: string;
}

/**
 * What one worker process shares between the bots it runs: the browser and one session per portal.
 * Endpoints (URLs and credentials) come from the deployment's config only — a fixture run's process
 * has its world's portals written into its config. Nothing a job carries can point a session
 * elsewhere: the credentials are the config's, so the URL they are typed into must be too.
 */
export class BotRuntime {
  private readonly sessions = new Map<string, PortalSession>();

  constructor(
    readonly browser: () => Promise<Browser>,
    private readonly endpoints: (portalId: string) => PortalEndpoint | undefined,
    readonly log: Logger,
  ) {}

  /** Every password this runtime knows, so evidence writers can scrub them. */
  secrets(): string[] {
    const ids = new Set([...this.sessions.values()].map((s) => s.portal.id));
    return [...ids].map((id) => this.endpoints(id)?.password).filter((p): p is string => !!p);
  }

  session(portal: PortalDefinition): PortalSession {
    const endpoint = this.endpoints(portal.id);
    const url = endpoint?.url;
    if (!url) {
      const id = portal.id.toUpperCase().replace(/-/g, '_');
      throw new Error(`no URL for portal ${portal.id}: set OPSBOT_PORTAL_${id}_URL or run with --with-fixtures`);
    }
    const key = `${portal.id} ${url}`;
    let s = this.sessions.get(key);
    if (!s) {
      s = new PortalSession(portal, url, () => credentialsOf(this.endpoints(portal.id)));
      this.sessions.set(key, s);
    }
    return s;
  }
}

function credentialsOf(e: PortalEndpoint | undefined): Credentials | undefined {
  return e?.username && e.password ? { username: e.username, password: e.password } : undefined;
}

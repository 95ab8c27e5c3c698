import { InvalidArgumentError, type Command } from 'commander';
import { parseIntOption } from '../options';

function parsePort(value: string): number {
  const n = parseIntOption(value);
  if (n > 65_535) throw new InvalidArgumentError(`expected a port 0–65535, got ${JSON.stringify(value)}`);
  return n;
}

/** The proxy's address: http(s), a host, no path (the dashboard's pages live at the root). */
function parsePublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`expected a URL such as https://ops.bank.example, got ${JSON.stringify(value)}`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.username) {
    throw new InvalidArgumentError(`expected http(s)://host[:port] with no path, got ${JSON.stringify(value)}`);
  }
  return url.origin;
}

export function registerDashboard(program: Command): void {
  program
    .command('dashboard')
    .description('the queue dashboard (Bull Board) for admins, behind a login')
    .option('--port <p>', 'port on 127.0.0.1 (default: a free one)', parsePort)
    .option('--public-url <url>', 'the https:// address of a TLS reverse proxy in front: its Host is accepted and cookies are Secure', parsePublicUrl)
    .addHelpText('after', `
Logins (at least one password must be set, 8+ characters; the dashboard never runs without a login):
  OPSBOT_DASHBOARD_ADMIN_PASSWORD    admin login (/board: retry, remove, add jobs); user OPSBOT_DASHBOARD_ADMIN_USER, default admin
  OPSBOT_DASHBOARD_VIEWER_PASSWORD   read-only login (/view); user OPSBOT_DASHBOARD_VIEWER_USER, default viewer
They can also come from the secrets file (OPSBOT_SECRETS_FILE). After 5 failed logins from one
address or for one user within 15 minutes, logins are refused (429) until the window has passed.
Sessions end after 30 minutes unused or 8 hours after login, and at 退出登录 (logout).
Logins, failed logins, logouts and every change made on the admin board go to var/audit.log.`)
    .action(async (o: { port?: number; publicUrl?: string }) => (await import('../actions/dashboard')).dashboardAction(o));
}

import { InvalidArgumentError, type Command } from 'commander';
import { parseIntOption } from '../options';

export function parsePort(value: string): number {
  const n = parseIntOption(value);
  if (n > 65_535) throw new InvalidArgumentError(`expected a port 0–65535, got ${JSON.stringify(value)}`);
  return n;
}

/** The proxy's address: http(s), a host, no path (the pages live at the root). */
export function parsePublicUrl(value: string): string {
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
    .option('--public-url <url>', 'the https:// address of a TLS reverse proxy in front: its Host is accepted and cookies are Secure (default OPSBOT_WEB_PUBLIC_URL)', parsePublicUrl)
    .addHelpText('after', `
Users are the database's (opsbot users add <name> --role admin); only admins see the queues, at
/queues, the same board as in opsbot web. After 5 failed logins from one address or for one user
within 15 minutes, logins are refused (429) until the window has passed. Sessions live in the
database (shared with opsbot web) and end after OPSBOT_WEB_IDLE_MINUTES (30) unused or
OPSBOT_WEB_MAX_SESSION_HOURS (8) after login, and at 退出登录 (logout).
Logins, failed logins, logouts and every change made on the board go to the audit table.`)
    .action(async (o: { port?: number; publicUrl?: string }) => (await import('../actions/dashboard')).dashboardAction(o));
}

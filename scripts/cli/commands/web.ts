import type { Command } from 'commander';
import { parsePort, parsePublicUrl } from './dashboard';

export function registerWeb(program: Command): void {
  program
    .command('web')
    .description('the review workbench (我的待办, 案件, 待复核, 运行, 用户) and, for admins, the queues')
    .option('--port <p>', 'port on 127.0.0.1 (default: a free one)', parsePort)
    .option('--public-url <url>', 'the https:// address of a TLS reverse proxy in front: its Host is accepted and cookies are Secure (default OPSBOT_WEB_PUBLIC_URL)', parsePublicUrl)
    .addHelpText('after', `
Users are the database's (opsbot users add <name> --role clerk|checker|admin|viewer). Sessions
live in the database, so any number of opsbot web instances on one database are one site (on
several hosts, give them one OPSBOT_WEB_SESSION_SECRET). A session ends after
OPSBOT_WEB_IDLE_MINUTES (30) unused, OPSBOT_WEB_MAX_SESSION_HOURS (8) after login, or at 退出.
After 5 failed logins from one address or for one user within 15 minutes, logins are refused
(429) until the window has passed. Listens on 127.0.0.1 only: put a TLS reverse proxy in front
and set OPSBOT_WEB_PUBLIC_URL=https://… (cookies become Secure).`)
    .action(async (o: { port?: number; publicUrl?: string }) => (await import('../actions/web')).webAction(o));
}

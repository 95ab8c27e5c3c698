import type { Command } from 'commander';
import { parseIntOption } from '../options';

export function registerDashboard(program: Command): void {
  program
    .command('dashboard')
    .description('the queue dashboard (Bull Board) for admins, behind a login')
    .option('--port <p>', 'port on 127.0.0.1 (default: a free one)', parseIntOption)
    .action(async (o: { port?: number }) => (await import('../actions/dashboard')).dashboardAction(o));
}

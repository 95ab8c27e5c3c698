import type { Command } from 'commander';
import { startDashboard } from '../../../jobs/runtime/dashboard';
import { onShutdown } from '../lifecycle';
import { parseIntOption } from '../options';

export function registerDashboard(program: Command): void {
  program
    .command('dashboard')
    .description('the queue dashboard (Bull Board) for admins, behind a login')
    .option('--port <p>', 'port on 127.0.0.1 (default: a free one)', parseIntOption)
    .action(async (o: { port?: number }) => {
      const d = await startDashboard({ port: o.port });
      onShutdown(() => d.close());
      console.log(`dashboard on ${d.url}/login — Ctrl-C to stop`);
      await new Promise(() => undefined);
    });
}

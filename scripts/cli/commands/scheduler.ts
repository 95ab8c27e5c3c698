import type { Command } from 'commander';
import { log } from '../../../jobs/runtime/logger';
import { startScheduler } from '../../../jobs/runtime/scheduler';
import { onShutdown } from '../lifecycle';

export function registerScheduler(program: Command): void {
  program
    .command('scheduler')
    .description('keep the declared schedules in BullMQ, recover missed fires, prune old runs (safe on several machines)')
    .action(async () => {
      const scheduler = await startScheduler(log().child({ component: 'scheduler' }));
      onShutdown(() => scheduler.close());
      console.log(`scheduler ready: ${Object.entries(scheduler.applied).map(([j, a]) => `${j} ${a}`).join(', ')}`);
      await new Promise(() => undefined);
    });
}

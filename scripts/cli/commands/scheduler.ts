import type { Command } from 'commander';

export function registerScheduler(program: Command): void {
  program
    .command('scheduler')
    .description('keep the declared schedules in BullMQ, recover missed fires, prune old runs (safe on several machines)')
    .action(async () => (await import('../actions/scheduler')).schedulerAction());
}

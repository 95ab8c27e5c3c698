import type { Command } from 'commander';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check this deployment: one line per check, pass or fail with the fix (Redis, PostgreSQL, Chromium, CJK font, run store, clock); exit 1 when any fails')
    .action(async () => (await import('../actions/doctor')).doctorAction());
}

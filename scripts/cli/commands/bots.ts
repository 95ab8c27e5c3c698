import type { Command } from 'commander';

export function registerBots(program: Command): void {
  const group = program.command('bots').description('the registered bots');
  group
    .command('list')
    .description('list every registered bot: id, portal, version, title')
    .action(async () => (await import('../actions/bots')).listBotsAction());
  program
    .command('new-bot <id>')
    .description('scaffold a bot <portal>.<dataset>: page object, parser, manifest, fixture page and a passing test')
    .option('--title <title>', 'the bot\'s Chinese title')
    .action(async (id: string, opts: { title?: string }) => (await import('../actions/bots')).newBotAction(id, opts));
}

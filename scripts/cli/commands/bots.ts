import type { Command } from 'commander';
import { bots } from '../../../bots';
import { scaffoldBot } from '../../scaffold/new-bot';
import { REPO_ROOT } from '../repo-root';

export function registerBots(program: Command): void {
  const group = program.command('bots').description('the registered bots');
  group
    .command('list')
    .description('list every registered bot: id, portal, version, title')
    .action(() => {
      for (const bot of bots.values()) {
        console.log(`${bot.id.padEnd(32)} ${bot.portal.id.padEnd(14)} ${bot.version.padEnd(8)} ${bot.title}`);
      }
    });
  program
    .command('new-bot <id>')
    .description('scaffold a bot <portal>.<dataset>: page object, parser, manifest, fixture page and a passing test')
    .option('--title <title>', 'the bot\'s Chinese title')
    .action(async (id: string, opts: { title?: string }) => {
      const r = await scaffoldBot(REPO_ROOT, id, opts.title);
      for (const f of r.created) console.log(`created ${f}`);
      if (r.registered) console.log('registered in bots/index.ts');
      const test = r.created.find((f) => f.startsWith('test/'));
      console.log(`\nnext: npx vitest run ${test}   (then see docs/adding-a-bot.md)`);
    });
}

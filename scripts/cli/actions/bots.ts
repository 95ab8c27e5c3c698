import { bots } from '../../../bots';
import { scaffoldBot } from '../../scaffold/new-bot';
import { REPO_ROOT } from '../repo-root';

export function listBotsAction(): void {
  for (const bot of bots.values()) {
    console.log(`${bot.id.padEnd(32)} ${bot.portal.id.padEnd(14)} ${bot.version.padEnd(8)} ${bot.title}`);
  }
}

export async function newBotAction(id: string, opts: { title?: string }): Promise<void> {
  const r = await scaffoldBot(REPO_ROOT, id, opts.title);
  for (const f of r.created) console.log(`created ${f}`);
  if (r.registered) console.log('registered in bots/index.ts');
  if (r.fixtureRegistered) console.log('fixture page registered in fixtures/portals/scaffolded.ts (served by --with-fixtures)');
  const test = r.created.find((f) => f.startsWith('test/'));
  console.log(`\nnext: npx vitest run ${test}   (then see docs/adding-a-bot.md)`);
}

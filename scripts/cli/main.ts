import { Command } from 'commander';
import { commands } from './commands';
import { exitCodeOf } from './exit-codes';

/** The opsbot command line (see ../shared/spec/cli.md). Each command lives in ./commands/<name>.ts. */
const program = new Command('opsbot')
  .description('opsbot — 银行运营后台自动化: bots read the portals, jobs build the reports')
  .showHelpAfterError()
  .exitOverride();

for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const code = exitCodeOf(err);
  if (code !== 0 && !(err as { code?: string }).code?.startsWith('commander.')) {
    console.error(`opsbot: ${(err as Error).message}`);
  }
  process.exitCode = code;
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { commands } from './commands';
import { REPO_ROOT } from './repo-root';

/** The version in package.json: what `opsbot --version` prints and a bug report names. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Commands a person watches while they work: their full log goes to a file (./command-log.ts),
 * the console shows progress, results and readable warnings.
 */
const WATCHED_COMMANDS = new Set(['demo', 'run']);

/**
 * The opsbot command tree (see ../shared/spec/cli.md); each command lives in ./commands/<name>.ts.
 * Options are positional: a command's options are read only up to its subcommand, so a parent that
 * declares the same option as a child (`fixtures --seed` and `fixtures export --seed`) no longer
 * takes the child's value. Commands created after this inherit it (commander copies the setting).
 */
export function buildProgram(): Command {
  const program = new Command('opsbot')
    .description('opsbot — 银行运营后台自动化: bots read the portals, jobs build the reports')
    .version(packageVersion(), '-V, --version', 'print the version of opsbot')
    .enablePositionalOptions()
    .showHelpAfterError()
    .exitOverride();
  program.hook('preAction', async (_program, command) => {
    if (!WATCHED_COMMANDS.has(command.name())) return;
    // Loaded only here: --help and the light commands stay instant.
    const { useCommandLog } = await import('./command-log');
    console.log(`full log: ${useCommandLog()}`);
  });
  for (const register of commands) register(program);
  return program;
}

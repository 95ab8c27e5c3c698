import type { Command } from 'commander';
import type { Scale } from '../../../fixtures/generator/scale';
import { CliError, EXIT } from '../exit-codes';
import { parseDate, parseIntOption, parseOutDir, parseScale } from '../options';

export function registerFixtures(program: Command): void {
  const fixtures = program
    .command('fixtures')
    .description('serve the mock portals on loopback and print their URLs and logins')
    .option('--seed <n>', 'data seed', parseIntOption, 42)
    .option('--scale <scale>', 'small | medium | large', parseScale, 'medium')
    .option('--registry-data <file>', 'serve this dataset (spec CSV form) in the registry portal')
    .option('--port <p>', 'first port; portals take consecutive ports (default: free ports)', parseIntOption)
    .action(async (opts: { seed: number; scale: Scale; registryData?: string; port?: number }) =>
      (await import('../actions/fixtures')).serveFixturesAction(opts));
  fixtures
    .command('export')
    .description('write the raw data of every portal for D and the answer key (JSON, naming the seed and scale) to DIR')
    .option('--seed <n>', 'data seed', parseIntOption, 42)
    .option('--scale <scale>', 'small | medium | large', parseScale, 'small')
    .requiredOption('--date <D>', 'data date', parseDate)
    .requiredOption('--out <dir>', 'output folder', parseOutDir)
    .action(async (opts: { seed: number; scale: Scale; date: string; out: string }, cmd: Command) =>
      (await import('../actions/fixtures')).exportFixturesAction({ ...opts, ...worldFromParent(cmd) }));
}

/**
 * `opsbot fixtures --seed 7 export …` means the same world as `opsbot fixtures export --seed 7 …`:
 * a seed or scale given before `export` (and not after it) is honoured. The serving options
 * (--port, --registry-data) mean nothing to an export and are refused rather than ignored.
 */
function worldFromParent(cmd: Command): { seed?: number; scale?: Scale } {
  const parent = cmd.parent!;
  const given = (c: Command, key: string) => c.getOptionValueSource(key) === 'cli';
  for (const key of ['port', 'registryData']) {
    if (given(parent, key)) throw new CliError(`fixtures export: --${key === 'port' ? 'port' : 'registry-data'} is for serving the portals, not for export`, EXIT.usage);
  }
  const world: { seed?: number; scale?: Scale } = {};
  if (given(parent, 'seed') && !given(cmd, 'seed')) world.seed = parent.getOptionValue('seed') as number;
  if (given(parent, 'scale') && !given(cmd, 'scale')) world.scale = parent.getOptionValue('scale') as Scale;
  return world;
}

import type { Command } from 'commander';
import type { Scale } from '../../../fixtures/generator/scale';
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
    .description('write the raw data of every portal for D and the answer key (JSON) to DIR')
    .option('--seed <n>', 'data seed', parseIntOption, 42)
    .option('--scale <scale>', 'small | medium | large', parseScale, 'small')
    .requiredOption('--date <D>', 'data date', parseDate)
    .requiredOption('--out <dir>', 'output folder', parseOutDir)
    .action(async (opts: { seed: number; scale: Scale; date: string; out: string }) =>
      (await import('../actions/fixtures')).exportFixturesAction(opts));
}

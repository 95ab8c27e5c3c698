import type { Command } from 'commander';
import { startFixtures } from '../../../fixtures/start-fixtures';
import { exportFixtures } from '../../../fixtures/export/export-fixtures';
import { onShutdown } from '../lifecycle';
import { parseDate, parseIntOption, parseOutDir, parseScale } from '../options';

export function registerFixtures(program: Command): void {
  const fixtures = program
    .command('fixtures')
    .description('serve the mock portals on loopback and print their URLs and logins')
    .option('--seed <n>', 'data seed', parseIntOption, 42)
    .option('--scale <scale>', 'small | medium | large', parseScale, 'medium')
    .option('--registry-data <file>', 'serve this dataset (spec CSV form) in the registry portal')
    .option('--port <p>', 'first port; portals take consecutive ports (default: free ports)', parseIntOption)
    .action(async (opts: { seed: number; scale: 'small' | 'medium' | 'large'; registryData?: string; port?: number }) => {
      const fixtures = await startFixtures({ seed: opts.seed, scale: opts.scale, registryData: opts.registryData, port: opts.port, password: process.env.OPSBOT_FIXTURE_PASSWORD });
      onShutdown(() => fixtures.stop());
      console.log(`fixture portals (seed ${fixtures.seed}, scale ${fixtures.scale}) — Ctrl-C to stop`);
      for (const p of fixtures.portals) {
        const login = p.login ? `  login ${p.login.username} / ${p.login.password}` : '  (public)';
        console.log(`  ${p.name.padEnd(10, '　')} ${p.id.padEnd(14)} ${p.url}${login}`);
      }
      await new Promise(() => undefined);
    });
  fixtures
    .command('export')
    .description('write the raw data of every portal for D and the answer key (JSON) to DIR')
    .option('--seed <n>', 'data seed', parseIntOption, 42)
    .option('--scale <scale>', 'small | medium | large', parseScale, 'small')
    .requiredOption('--date <D>', 'data date', parseDate)
    .requiredOption('--out <dir>', 'output folder', parseOutDir)
    .action(async (opts: { seed: number; scale: 'small' | 'medium' | 'large'; date: string; out: string }) => {
      const r = await exportFixtures({ seed: opts.seed, scale: opts.scale, date: opts.date, outDir: opts.out });
      for (const f of r.files) console.log(`${f.file}\t${f.records} records\tsha256 ${f.sha256}`);
      console.log(r.answerKey);
    });
}

import type { Command } from 'commander';
import { startFixtures } from '../../../fixtures/start-fixtures';
import { onShutdown } from '../lifecycle';
import { parseIntOption, parseScale } from '../options';

export function registerFixtures(program: Command): void {
  program
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
}

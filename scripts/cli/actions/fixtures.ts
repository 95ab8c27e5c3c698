import { startFixtures } from '../../../fixtures/start-fixtures';
import { exportFixtures } from '../../../fixtures/export/export-fixtures';
import type { Scale } from '../../../fixtures/generator/scale';
import { processConfig } from '../../app/process-config';
import { fixtureWorldLines } from '../fixture-world';
import { onShutdown } from '../lifecycle';

export async function serveFixturesAction(opts: { seed: number; scale: Scale; registryData?: string; port?: number }): Promise<void> {
  const fixtures = await startFixtures({ seed: opts.seed, scale: opts.scale, registryData: opts.registryData, port: opts.port, password: processConfig().fixturePassword });
  onShutdown(() => fixtures.stop());
  for (const line of fixtureWorldLines(fixtures, { logins: true })) console.log(line);
  console.log('Ctrl-C to stop');
  await new Promise(() => undefined);
}

export async function exportFixturesAction(opts: { seed: number; scale: Scale; date: string; out: string }): Promise<void> {
  console.log(`fixture world seed ${opts.seed}, scale ${opts.scale}, data date ${opts.date}`);
  const r = await exportFixtures({ seed: opts.seed, scale: opts.scale, date: opts.date, outDir: opts.out });
  for (const f of r.files) console.log(`${f.file}\t${f.records} records\tsha256 ${f.sha256}`);
  console.log(r.answerKey);
}

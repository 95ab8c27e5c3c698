// Measures the cross-check engine alone without touching docs/benchmarks.md: one child process
// per size (as `npm run bench` does), printing the figures, and with --profile the heaviest
// functions of a `node --cpu-prof` profile of each run. For iterating on the engine's speed.
//
//   npx tsx scripts/bench/engine/measure.ts 10000,100000 [--profile]

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readdirSync } from 'node:fs';
import { hotFunctions } from '../profile-summary';
import { runChild } from '../run-child';
import type { EngineDataset } from './dataset';
import type { EngineResult } from './engine-task';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '10000,100000').split(',').map(Number);
  const profile = process.argv.includes('--profile');
  const dataDir = path.join(repoRoot, 'var', 'bench', 'data');
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  for (const accounts of sizes) {
    const dataset = (await runChild<EngineDataset>('engine-dataset', { dir: dataDir, seed: 42, accounts })).result;
    const profDir = profile ? mkdtempSync(path.join(os.tmpdir(), 'engine-prof-')) : null;
    const run = await runChild<EngineResult>('engine', dataset, profDir ? { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] } : {});
    const r = run.result;
    console.log(
      `${accounts}: rules ${(r.rulesMs / 1000).toFixed(2)} s (CPU ${(r.rulesCpuMs / 1000).toFixed(2)} s), ` +
        `load index ${(r.loadLookupsMs / 1000).toFixed(2)} s, whole pass ${(r.totalMs / 1000).toFixed(2)} s (CPU ${(r.totalCpuMs / 1000).toFixed(2)} s), ` +
        `peak RSS ${run.peakRssMb.toFixed(0)} MB, verdicts ${JSON.stringify(r.verdicts)}, flags ${r.flags}`,
    );
    if (profDir) {
      for (const file of readdirSync(profDir)) {
        console.log(`  profile ${path.join(profDir, file)}`);
        for (const f of hotFunctions(path.join(profDir, file), 25)) console.log(`  ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(6)} ms  ${f.name}  ${f.where}`);
      }
    }
  }
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);

#!/usr/bin/env node
// Do the annual review's hand-written fast paths still pay now that production runs compiled
// JavaScript rather than TypeScript through tsx? Each is compiled out in turn (an esbuild plugin
// swaps the module at build time) and the cross-check engine's whole pass (scripts/bench/engine:
// read and check both files, registry file on its own thread, rules, tally) is timed:
//   - compiled, as the code is (the build's settings, scripts/build/build.mjs);
//   - compiled, zod for every record: record-shapes.ts's cheap structural checks (a hand copy of
//     the schemas) always defer to the zod schema;
//   - compiled, readline: bots/sdk/jsonl-reader.ts reads lines through node:readline instead of
//     splitting 1 MB chunks on bytes;
//   - from source through tsx, as the code is (what ran before the compiled build).
// Median of N runs each, in separate processes, printed as JSON (the "compiled" section of
// docs/benchmarks.md, npm run bench).
//
// Usage: node scripts/build/measure-fast-paths.mjs [--accounts 100000] [--runs 3]

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptions } from './build.mjs';
import { ENTRY_POINTS } from './entries.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ACCOUNTS = arg('--accounts', 100_000);
const RUNS = arg('--runs', 3);

const ZOD_ONLY = `
export function quickReviewAccount(_value: unknown) { return null; }
export function isLookupResultShape(_value: unknown): boolean { return false; }
`;

const READLINE_READER = `
import { createReadStream } from 'node:fs';
import readline from 'node:readline';
export interface JsonlLine { line: number; value: unknown; error?: string }
function parseLine(line: number, text: string): JsonlLine {
  try { return { line, value: JSON.parse(text) }; } catch (error) { return { line, value: undefined, error: String(error) }; }
}
export async function* readJsonlBatches(file: string): AsyncGenerator<JsonlLine[]> {
  let batch: JsonlLine[] = [];
  let line = 0;
  for await (const text of readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    line++;
    if (text) batch.push(parseLine(line, text));
    if (batch.length === 2000) { yield batch; batch = []; }
  }
  if (batch.length) yield batch;
}
export async function* readJsonlLines(file: string): AsyncGenerator<JsonlLine> { for await (const b of readJsonlBatches(file)) yield* b; }
export async function* readJsonlValues(file: string): AsyncGenerator<unknown> { for await (const l of readJsonlLines(file)) yield l.value; }
`;

/** An esbuild plugin that compiles `contents` in place of the module whose path ends with `suffix`. */
const swap = (suffix, contents) => ({
  name: `swap ${suffix}`,
  setup(b) {
    b.onLoad({ filter: new RegExp(`${suffix.replace(/[.]/gu, '\\.')}$`) }, () => ({ contents, loader: 'ts' }));
  },
});

const VARIANTS = [
  { name: 'compiled, as the code is', plugins: [] },
  { name: 'compiled, zod for every record (no cheap structural checks)', plugins: [swap('jobs/annual-review-check/build/record-shapes.ts', ZOD_ONLY)] },
  { name: 'compiled, readline instead of the chunked reader', plugins: [swap('bots/sdk/jsonl-reader.ts', READLINE_READER)] },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function runJson(args) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

async function main() {
  const work = mkdtempSync(path.join(os.tmpdir(), 'opsbot-fast-paths-'));
  try {
    // Compiled output outside the checkout still loads its packages from the checkout's node_modules.
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'));
    const entry = (name, code) => {
      const file = path.join(work, `${name}.mts`);
      writeFileSync(file, code);
      return file;
    };
    const engineEntry = entry('engine-run', `import { runEngine } from ${JSON.stringify(path.join(ROOT, 'scripts/bench/engine/engine-task.ts'))};\nconsole.log(JSON.stringify(await runEngine(JSON.parse(process.argv[2]))));\n`);
    const datasetEntry = entry('dataset-make', `import { engineDataset } from ${JSON.stringify(path.join(ROOT, 'scripts/bench/engine/dataset.ts'))};\nconsole.log(JSON.stringify(await engineDataset(process.argv[2], 42, Number(process.argv[3]))));\n`);
    const outdir = (name) => {
      const dir = path.join(work, name);
      mkdirSync(dir);
      return dir;
    };
    const threadEntry = { 'lookups-thread': ENTRY_POINTS['lookups-thread'] };
    const dataOut = outdir('dataset');
    await build({ ...esbuildOptions(ROOT, dataOut, { 'dataset-make': datasetEntry }), logLevel: 'error' });
    const dataset = runJson([path.join(dataOut, 'dataset-make.js'), path.join(ROOT, 'var/bench/data'), String(ACCOUNTS)]);
    const results = [];
    for (const [i, variant] of VARIANTS.entries()) {
      const dir = outdir(`variant-${i}`);
      await build({ ...esbuildOptions(ROOT, dir, { 'engine-run': engineEntry, ...threadEntry }), plugins: variant.plugins, logLevel: 'error' });
      results.push({ name: variant.name, args: [path.join(dir, 'engine-run.js'), JSON.stringify(dataset)] });
    }
    results.push({ name: 'from source through tsx, as the code is', args: ['--import', 'tsx', engineEntry, JSON.stringify(dataset)] });
    const runs = results.map((r) => ({ ...r, runs: [] }));
    // Interleaved, each round starting one variant later, so a change in the machine's load (or
    // going first) falls on every variant alike.
    for (let n = 0; n < RUNS; n++) {
      for (let k = 0; k < runs.length; k++) {
        const r = runs[(n + k) % runs.length];
        r.runs.push(runJson(r.args));
      }
    }
    const variants = runs.map((r) => {
      const m = (key) => median(r.runs.map((x) => x[key]));
      return { name: r.name, totalMs: m('totalMs'), totalCpuMs: m('totalCpuMs'), rulesMs: m('rulesMs'), loadLookupsMs: m('loadLookupsMs') };
    });
    console.log(JSON.stringify({ accounts: ACCOUNTS, runs: RUNS, variants }, null, 2));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();

#!/usr/bin/env node
// Compiles opsbot to dist/ (npm run build; the bootstrap runs it with --if-stale before the demo
// and the tests). `bin` runs dist/opsbot.js; tsx is for development and tests only.
//
// esbuild bundles each entry point (entries.mjs) with its relative imports: the sources import
// each other without file extensions, which Node's own ESM loader refuses and a bundler resolves,
// so plain `tsc` output would need `.js` on every import. npm packages stay external (loaded from
// node_modules as usual); `splitting` keeps each `await import()` of a CLI command a chunk of its
// own, loaded only when that command runs, so `opsbot --help` loads no Playwright, exceljs or
// BullMQ. Types are checked by `tsc --noEmit` (npm run typecheck), not here.
//
// The build is written to a folder of its own, then renamed to dist/, so a process starting
// meanwhile runs either the old build or the new one, never half of each.
//
// Usage: node scripts/build/build.mjs [--if-stale]

import { build } from 'esbuild';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_SETTINGS, ENTRY_POINTS } from './entries.mjs';
import { BUILD_INFO, staleness } from './freshness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** esbuild's options for `entryPoints` (default: opsbot's) compiled from `root` into `outdir`. */
export function esbuildOptions(root, outdir, entryPoints = ENTRY_POINTS) {
  return {
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Chunks sit beside the entries: a thread entry is found next to the chunk that starts it.
    chunkNames: '[name]-[hash]',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  };
}

/** Builds dist/ under `root`; returns what was read and how long it took. */
export async function compile(root = ROOT) {
  const startedAtMs = Date.now();
  const staging = path.join(root, `dist.${process.pid}.tmp`);
  rmSync(staging, { recursive: true, force: true });
  let result;
  try {
    result = await build(esbuildOptions(root, staging));
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const inputs = [...Object.keys(result.metafile.inputs), ...BUILD_SETTINGS].sort();
  writeFileSync(path.join(staging, BUILD_INFO), `${JSON.stringify({ startedAtMs, builtAt: new Date(startedAtMs).toISOString(), inputs }, null, 2)}\n`);
  swapInto(staging, path.join(root, 'dist'));
  return { inputs: inputs.length, outputs: Object.keys(result.metafile.outputs).length, ms: Date.now() - startedAtMs };
}

function swapInto(staging, dist) {
  const old = `${dist}.${process.pid}.old`;
  if (existsSync(dist)) renameSync(dist, old);
  try {
    renameSync(staging, dist);
  } catch (error) {
    // Another build finished first and took dist/: its build is as good as this one.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(dist)) throw error;
  }
  rmSync(old, { recursive: true, force: true });
}

/** Builds when dist/ is missing or older than its sources; says why. */
export async function compileIfStale(root = ROOT) {
  const stale = staleness(root);
  if (!stale) return null;
  console.error(`opsbot: building dist/ (${stale})…`);
  return compile(root);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const done = process.argv.includes('--if-stale') ? await compileIfStale() : await compile();
    if (done) console.error(`opsbot: dist/ built in ${(done.ms / 1000).toFixed(1)} s (${done.inputs} sources, ${done.outputs} files)`);
  } catch {
    // esbuild has printed each error with its file and line.
    console.error('opsbot: the build failed; dist/ is unchanged');
    process.exitCode = 1;
  }
}

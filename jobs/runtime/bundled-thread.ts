// A worker thread running one of our TypeScript modules. Worker threads do not inherit the main
// thread's tsx loader, and starting tsx in a thread costs ~0.5 s (its own loader thread and
// transpiling every import); so the entry and what it imports are bundled once per process with
// esbuild (which tsx itself uses) and the thread runs that plain JavaScript.
//
// Example:
//   const worker = startBundledThread(new URL('./lookups-thread.ts', import.meta.url), { file });
//   worker.on('message', ...); worker.on('error', ...);
//
// Keep entries small: everything they import is bundled (no zod, no Playwright).

import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const bundles = new Map<string, string>();

function bundleOf(entry: URL): string {
  let code = bundles.get(entry.href);
  if (code === undefined) {
    const built = buildSync({ entryPoints: [fileURLToPath(entry)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' });
    code = built.outputFiles[0]!.text;
    bundles.set(entry.href, code);
  }
  return code;
}

export function startBundledThread(entry: URL, workerData: unknown): Worker {
  return new Worker(bundleOf(entry), { eval: true, workerData });
}

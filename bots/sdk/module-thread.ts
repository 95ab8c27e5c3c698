// A worker thread running one of opsbot's modules, compiled or from source.
//
// Compiled (dist/, what production runs): each thread entry is an entry point of the build of its
// own, written as dist/<entry's name>.js beside the chunks that start it (scripts/build/entries.mjs
// lists them), so the thread runs that file like any other module.
// From source (tsx in development, vitest in tests): a new thread has no TypeScript loader, so it
// registers tsx's first. That costs ~0.5 s per thread, paid only in development and tests.
//
// Example:
//   const worker = startModuleThread(new URL('./lookups-thread.ts', import.meta.url), { file });
//   worker.on('message', ...); worker.on('error', ...);

import { Worker } from 'node:worker_threads';

/** This module's own file says how opsbot runs: a .ts file from source, a .js chunk in dist/ compiled. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** The thread's code from source: register tsx, then import the entry (an error reaches the Worker's 'error' event). */
function throughTsx(entry: URL): string {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
}

/** Starts `entry` (a .ts module beside the caller: `new URL('./x-thread.ts', import.meta.url)`) on a worker thread. */
export function startModuleThread(entry: URL, workerData: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) throw new Error(`a thread entry is named by its .ts source: ${entry.href}`);
  if (FROM_SOURCE) return new Worker(throughTsx(entry), { eval: true, workerData });
  return new Worker(new URL(entry.href.replace(/\.ts$/u, '.js')), { workerData });
}

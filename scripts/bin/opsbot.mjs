#!/usr/bin/env node
// The `opsbot` executable: runs the compiled CLI, dist/opsbot.js (`npm run build`; `npm run demo`
// and `npm test` build it when it is missing or out of date). tsx is for development and tests.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleness } from '../build/freshness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'dist', 'opsbot.js');

if (!existsSync(cli)) {
  console.error('opsbot: not built yet: run `npm run build` in', root);
  process.exit(1);
}
// Edited sources are not what runs until the next build: say so rather than run old code silently.
const stale = staleness(root);
if (stale) console.error(`opsbot: warning: dist/ is out of date (${stale}); \`npm run build\` compiles the change`);
// Stack traces name the TypeScript files and lines (dist/*.js.map).
process.setSourceMapsEnabled(true);
await import(pathToFileURL(cli).href);

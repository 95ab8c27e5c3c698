// Production runs the esbuild bundle in dist/, where no migration files lie beside the code to be
// found: the migrations must be compiled in (migrations/index.ts lists them). A probe that opens
// the database as a command does is compiled the way dist/ is and run with plain node.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions } from '../../../../scripts/build/build.mjs';
import { REPO } from '../../../helpers/cli-process';
import { postmastersOn } from './support/postgres-processes';
import { MIGRATIONS } from '../../../../jobs/runtime/db/migrations';

/** Every migration the code ships, in order: a fresh database gets all of them. */
const ALL_MIGRATIONS = Object.keys(MIGRATIONS);

let dir: string;
let varDir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-compiled-db-'));
  varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-compiled-db-var-'));
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  await build(esbuildOptions(REPO, path.join(dir, 'out'), { 'open-database-probe': 'test/integration/runtime/db/support/open-database-probe.ts' }));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(varDir, { recursive: true, force: true });
});

describe('the database from compiled code', () => {
  it('starts the private server, applies the bundled migrations, and stops it', () => {
    const probe = () => spawnSync(process.execPath, [path.join(dir, 'out/open-database-probe.js'), varDir], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    // Only the compiled probe and its chunks: no migration source next to it.
    expect(readdirSync(path.join(dir, 'out')).filter((f) => /migration|0001/.test(f))).toEqual([]);
    const first = probe();
    expect(first.stderr).toBe('');
    const [line, closed] = first.stdout.trim().split('\n');
    expect(JSON.parse(line!)).toMatchObject({ migrated: ALL_MIGRATIONS, privateServer: { started: true }, users: 0 });
    expect(closed).toBe('closed');
    expect(postmastersOn(path.join(varDir, 'postgres', 'data'))).toEqual([]);
    const second = probe();
    expect(JSON.parse(second.stdout.split('\n')[0]!)).toMatchObject({ migrated: [], privateServer: { started: true } });
    expect(postmastersOn(path.join(varDir, 'postgres', 'data'))).toEqual([]);
  });
});

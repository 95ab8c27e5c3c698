// The compiled build is what `opsbot` runs (npm run build → dist/; scripts/bin/opsbot.mjs runs
// dist/opsbot.js): its help lists every command, it finds the checkout's files from dist/, and the
// registry-reading thread runs from its compiled entry. The build is made here when dist/ is
// missing or out of date, as npm test's bootstrap does.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryLookupResult } from '../../../bots/records';
import { registryCompaniesOf } from '../../../fixtures/generator/registry-companies';
import { buildWorld } from '../../../fixtures/generator/world';
import { compileIfStale, esbuildOptions } from '../../../scripts/build/build.mjs';
import { staleness } from '../../../scripts/build/freshness.mjs';
import { REPO } from '../../helpers/cli-process';
import { writeJsonl } from '../../unit/annual-review-check/job-run-folder';

const BIN = path.join(REPO, 'scripts/bin/opsbot.mjs');
const opsbot = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8' });

/** The commands of ../shared/spec/cli.md, as `opsbot --help` names them. */
const COMMANDS = ['demo', 'run', 'fixtures', 'worker', 'bots', 'new-bot', 'schedule', 'scheduler', 'runs', 'dashboard', 'web', 'users', 'audit'];

beforeAll(async () => {
  await compileIfStale(REPO);
  expect(staleness(REPO)).toBeNull();
});

describe('the compiled CLI (dist/)', () => {
  it('prints the command list for --help, exit 0, with nothing on stderr', () => {
    const r = opsbot('--help');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: opsbot \[options\] \[command\]/u);
    for (const command of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'mu'));
    expect(r.stdout).toContain('print the version of opsbot');
  });

  it("prints package.json's version: it finds the checkout from dist/", () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    const r = opsbot('--version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('refuses bad usage of a command with exit 2, as from source', () => {
    const r = opsbot('demo', '--scale', 'huge');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('expected small, medium or large, got "huge"');
  });
});

describe('the registry-reading thread from the compiled build', () => {
  let dir: string;
  const companies = [...registryCompaniesOf(buildWorld(7, 'small'))];
  const file = () => path.join(dir, 'registry.company.jsonl');

  beforeAll(async () => {
    // dist/ copied, with a probe compiled beside it the way dist/ is; node_modules reachable from it.
    dir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-compiled-'));
    cpSync(path.join(REPO, 'dist'), path.join(dir, 'out'), { recursive: true });
    symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
    await build(esbuildOptions(REPO, path.join(dir, 'out'), { 'lookups-probe': 'test/integration/build/support/lookups-probe.ts' }));
    const lines = companies.map((c, i): RegistryLookupResult => (i % 7 === 0 ? { uscc: c.uscc, outcome: 'notFound' } : { uscc: c.uscc, outcome: 'found', company: c }));
    await writeJsonl(file(), [...lines, { uscc: 'X', outcome: 'found', company: { ...companies[0]!, name: 5 } }]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const probe = () => {
    const r = spawnSync(process.execPath, [path.join(dir, 'out/lookups-probe.js'), file(), companies.map((c) => c.uscc).join(',')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as { streamed?: unknown[]; here?: unknown[]; size?: number; rejected?: { line: number; error: string }[]; threadError?: string };
  };

  it('gives the same answers as the file read on the judging thread', () => {
    const r = probe();
    expect(r.threadError).toBeUndefined();
    expect(r.size).toBe(companies.length);
    expect(r.streamed).toEqual(r.here);
    expect(r.streamed).toContainEqual({ code: companies[1]!.uscc, lookup: { kind: 'found', company: expect.objectContaining({ name: companies[1]!.name }) } });
    expect(r.rejected).toEqual([{ line: companies.length + 1, error: expect.stringMatching(/^company\.name: /u) }]);
  });

  it('runs dist/lookups-thread.js: without it the read fails, naming the file', () => {
    rmSync(path.join(dir, 'out/lookups-thread.js'));
    expect(probe().threadError).toContain(path.join(dir, 'out/lookups-thread.js'));
  });
});

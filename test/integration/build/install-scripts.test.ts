import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/cli-process';

/** npm ≥ 11.19 has `npm install-scripts ls`: the packages whose install scripts no policy decides. */
const npmLists = spawnSync('npm', ['install-scripts', '--help'], { cwd: REPO, encoding: 'utf8' }).status === 0;

describe('npm ci with the allowScripts policy', () => {
  it.skipIf(!npmLists)('leaves no install script undecided, so npm ci prints no install-scripts warning', () => {
    const out = execFileSync('npm', ['install-scripts', 'ls'], { cwd: REPO, encoding: 'utf8' });
    expect(out).toMatch(/No packages with unreviewed install scripts/);
  });

  it("esbuild works without its postinstall (the binary of @esbuild/<platform> is used)", async () => {
    const esbuild = await import('esbuild');
    const r = await esbuild.transform('const n: number = 1', { loader: 'ts' });
    expect(r.code.trim()).toBe('const n = 1;');
  });
});

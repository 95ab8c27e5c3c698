import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/repo-root';

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
const lock = JSON.parse(readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { hasInstallScript?: boolean; version?: string }>;
};
const nameOf = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

/**
 * npm 11 warns on every `npm ci` about each dependency whose install script package.json's
 * `allowScripts` does not decide, and a later npm blocks them. Every such package must be decided
 * here; a denied one must not need its script (what the script would fetch or build comes in a
 * platform package the lock file already lists).
 */
describe('install scripts', () => {
  const scripted = Object.entries(lock.packages).filter(([key, p]) => key && p.hasInstallScript).map(([key]) => nameOf(key));

  it('every dependency with an install script is approved or denied in package.json allowScripts', () => {
    expect(scripted.length).toBeGreaterThan(0);
    expect(scripted.filter((name) => typeof pkg.allowScripts?.[name] !== 'boolean')).toEqual([]);
  });

  it('a denied script is not needed: its binary comes in the platform package the lock lists', () => {
    const platformPackage: Record<string, string> = {
      esbuild: `@esbuild/${process.platform}-${process.arch}`,
      'msgpackr-extract': `@msgpackr-extract/msgpackr-extract-${process.platform}-${process.arch}`,
    };
    const denied = Object.entries(pkg.allowScripts ?? {}).filter(([, allowed]) => !allowed).map(([name]) => name);
    for (const name of denied) {
      expect(platformPackage[name], `${name}: denied, but nothing says where its binary comes from`).toBeDefined();
      expect(lock.packages[`node_modules/${platformPackage[name]}`], `${platformPackage[name]} in package-lock.json`).toBeDefined();
    }
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/repo-root';

/**
 * `npm ci` refuses a lock file in which a package's optional dependency has no entry. The registry
 * this project installs from serves no macOS / Windows builds of msgpackr-extract (BullMQ's optional
 * native speed-up), so `npm install` leaves those entries out; they are kept by hand (with their
 * os / cpu, so npm ci skips them on Linux without fetching). This test says so before CI does.
 */
describe('package-lock.json', () => {
  it('has an entry for every optional dependency, so npm ci accepts it', () => {
    const lock = JSON.parse(readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { optionalDependencies?: Record<string, string> }>;
    };
    const missing: string[] = [];
    for (const [key, pkg] of Object.entries(lock.packages)) {
      for (const dep of Object.keys(pkg.optionalDependencies ?? {})) {
        const nested = `${key ? `${key}/` : ''}node_modules/${dep}`;
        if (!lock.packages[nested] && !lock.packages[`node_modules/${dep}`]) missing.push(`${dep} (optional dependency of ${key || 'the project'})`);
      }
    }
    expect(missing).toEqual([]);
  });
});

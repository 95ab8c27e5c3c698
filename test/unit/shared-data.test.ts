import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA_DIR, SHARED_DATA_FILES } from '../helpers/shared-data';

// Tests that need ../shared/data skip where it is missing (a clone elsewhere). On CI that must
// never pass unnoticed: with CI=true this fails, naming each missing file (issue 15.8).

const TEST_DIR = path.resolve(import.meta.dirname, '..');
const HELPER = path.join(TEST_DIR, 'helpers', 'shared-data.ts');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? testFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('shared test data', () => {
  it.runIf(process.env.CI === 'true')('is all there on CI, so no test that needs it was skipped', () => {
    expect(SHARED_DATA_FILES.map((f) => path.join(SHARED_DATA_DIR, f)).filter((f) => !existsSync(f))).toEqual([]);
  });

  it('is read only through helpers/shared-data.ts, so the CI check above covers every file a test needs', () => {
    const direct = testFiles(TEST_DIR).filter((f) => f !== HELPER && f !== import.meta.filename && /shared\/data/.test(readFileSync(f, 'utf8').replace(/^\s*\/\/.*$/gm, '')));
    expect(direct.map((f) => path.relative(TEST_DIR, f))).toEqual([]);
  });
});

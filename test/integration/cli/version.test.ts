import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/cli-process';

const bin = path.join(REPO, 'scripts/bin/opsbot.mjs');

describe('opsbot --version (through the package bin)', () => {
  it("prints package.json's version and exits 0", () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(execFileSync(process.execPath, [bin, flag], { encoding: 'utf8' })).toBe(`${version}\n`);
  });
});

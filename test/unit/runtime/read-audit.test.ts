import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../../jobs/runtime/audit/read-audit';

const dir = mkdtempSync(path.join(os.tmpdir(), 'read-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readAudit', () => {
  it('gives the entries oldest first; no log yet is no entries', async () => {
    const file = path.join(dir, 'audit.log');
    writeFileSync(file, '{"action":"run trigger","at":"1"}\n{"action":"run cancel","at":"2"}\n');
    expect((await readAudit(file)).map((e) => e.action)).toEqual(['run trigger', 'run cancel']);
    expect(await readAudit(path.join(dir, 'none.log'))).toEqual([]);
  });

  it('names the file and line of a broken entry instead of skipping it', async () => {
    const file = path.join(dir, 'broken.log');
    writeFileSync(file, '{"action":"a"}\n{"action":\n');
    await expect(readAudit(file)).rejects.toThrow(`${file}:2: not a JSON line`);
  });
});

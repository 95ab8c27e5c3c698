// The registry bot's codes from an accounts file: distinct, normalised, in first-seen order, only
// those the job's pattern admits; lines that are not accounts need no lookup; never a path outside
// the run folder.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codesFromFile } from '../../../../bots/registry/codes-from-file';

const account = (accountNo: string, uscc: string) => ({
  accountNo, name: '甲公司', uscc, legalRepresentative: '张三', branch: null, accountType: null,
  registeredCapital: null, address: null, businessScope: null, licenseExpiry: null, relationshipManager: null,
});
const USCC_SHAPE = { length: 18, alphabet: '0123456789ABCDEFGHJKLMNPQRTUWXY' };

describe('codesFromFile', () => {
  let runDir: string;
  beforeEach(async () => {
    runDir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-codes-'));
  });
  afterEach(() => rm(runDir, { recursive: true, force: true }));

  it('distinct normalised codes in first-seen order, only those of the shape the job gives', async () => {
    const lines = [
      account('A1', '91310000MA1FL0QX0X'),
      account('A2', '９１３１００００ma1fl0qx0x'), // the same code, full-width and lower case
      'not json',
      JSON.stringify({ accountNo: 'A3' }), // not an account
      account('A4', '91110000600037341L'),
      account('A5', '9131000012345'), // not the shape of a code
      account('A6', ''),
    ].map((l) => (typeof l === 'string' ? l : JSON.stringify(l)));
    await writeFile(path.join(runDir, 'accounts.jsonl'), `${lines.join('\n')}\n`);
    expect(await codesFromFile(runDir, 'accounts.jsonl', USCC_SHAPE)).toEqual(['91310000MA1FL0QX0X', '91110000600037341L']);
    expect(await codesFromFile(runDir, 'accounts.jsonl', null)).toEqual(['91310000MA1FL0QX0X', '91110000600037341L', '9131000012345']);
  });

  it('refuses a file outside the run folder', async () => {
    await expect(codesFromFile(runDir, '../accounts.jsonl', null)).rejects.toThrow(/inside the run folder/u);
    await expect(codesFromFile(runDir, '/etc/passwd', null)).rejects.toThrow(/inside the run folder/u);
  });
});

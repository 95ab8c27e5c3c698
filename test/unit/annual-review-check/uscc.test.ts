import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { orgCodeCheckDigit, usccCheckChar, validateUscc } from '../../../jobs/annual-review-check/uscc';
import { sharedData } from '../../helpers/shared-data';

const vectorsFile = sharedData('uscc-vectors.tsv');

const vectors = (vectorsFile.skip ? '' : readFileSync(vectorsFile.file, 'utf8'))
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const [code = '', expected = '', note = ''] = line.split('\t');
    return { code, expected, note };
  });

describe.skipIf(vectorsFile.skip)(vectorsFile.title('validateUscc against the shared vectors'), () => {
  it('reads a meaningful number of vectors', () => {
    expect(vectors.length).toBeGreaterThan(200);
    expect(vectors.some((v) => v.expected === 'invalid')).toBe(true);
  });

  it.each(vectors)('$code is $expected', ({ code, expected }) => {
    expect(validateUscc(code).ok).toBe(expected === 'valid');
  });
});

describe('validateUscc reasons', () => {
  it('strips spaces (incl. ideographic) and upper-cases', () => {
    expect(validateUscc(' 91 110000\u3000600037341l ')).toEqual({ ok: true, code: '91110000600037341L' });
  });
  it('names each failure', () => {
    expect(validateUscc('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(validateUscc('320123000004935')).toMatchObject({ ok: false, reason: 'length' });
    expect(validateUscc('9111000060003IOZSV')).toMatchObject({ ok: false, reason: 'alphabet' });
    expect(validateUscc('91110000600037341N')).toMatchObject({ ok: false, reason: 'checkChar' });
  });
  it('rejects a code whose GB 32100 check is right but whose embedded org-code digit is wrong', () => {
    // Take a valid code, change the org-code check digit, then recompute the GB 32100 character so
    // that only the GB 11714 check can catch it.
    const valid = '91620105750906995R';
    const wrongOrg = valid.slice(0, 16) + (valid.charAt(16) === '1' ? '2' : '1');
    const forged = wrongOrg + usccCheckChar(wrongOrg);
    expect(validateUscc(forged)).toMatchObject({ ok: false, reason: 'orgCodeCheckDigit' });
  });
  it('counts org-code letters from A=10 (MA… codes and L-prefixed bodies)', () => {
    expect(orgCodeCheckDigit('L0151012')).toBe('8');
    expect(orgCodeCheckDigit('MA2PBQ7X')).toBe('9');
    expect(orgCodeCheckDigit('60003734')).toBe('1');
  });
});

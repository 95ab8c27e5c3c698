// Unified Social Credit Code (统一社会信用代码) validation: GB 32100-2015 plus the GB 11714
// organisation code embedded in positions 9–17.
//
// Example: validateUscc('91 110000 600037341l') → { ok: true, code: '91110000600037341L' }

/** The 31 characters GB 32100 allows (no I, O, Z, S, V: they look like digits). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** USCC_ALPHABET.indexOf by char code, as a table (-1 where indexOf is -1, as for any code ≥ 128). */
const ALPHABET_INDEX = Int8Array.from({ length: 128 }, (_, code) => USCC_ALPHABET.indexOf(String.fromCharCode(code)));
/** NaN (past the end: charAt gives '', which indexOf finds at 0) counts 0, as it did with indexOf. */
const alphabetIndex = (code: number): number => (code < 128 ? (ALPHABET_INDEX[code] ?? -1) : Number.isNaN(code) ? 0 : -1);

/** Weight of position i is 3^i mod 31 (GB 32100 §4.2). */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714 organisation-code weights for its 8 body characters. */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccInvalidReason = 'empty' | 'length' | 'alphabet' | 'checkChar' | 'orgCodeCheckDigit';

export type UsccResult =
  | { ok: true; code: string }
  | { ok: false; code: string; reason: UsccInvalidReason; detail: string };

/** Already compact: ASCII digits and capitals only (NFKC, trimming and upper-casing change nothing). */
function isCompact(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a))) return false;
  }
  return true;
}

/** Strips every kind of whitespace (incl. U+3000) and upper-cases; full-width letters become ASCII. */
export function compactUscc(raw: string): string {
  // Most codes arrive compact (the registry's, and most clerks'): skip the three string copies.
  if (isCompact(raw)) return raw;
  return raw.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

/** The GB 32100 check character (position 18) for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabetIndex(first17.charCodeAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * The GB 11714 check digit for an 8-character organisation-code body. Letters count A=10 … Z=35
 * (a common bug is to reject letters or count them from 1). Result 10 is written `X`, 11 is `0`.
 */
export function orgCodeCheckDigit(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8.charAt(i);
    // An ASCII digit counts as itself (a char compare: this runs once per account).
    const value = ch >= '0' && ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += value * (ORG_CODE_WEIGHTS[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

/** Characters of `code` (code points) not in the alphabet; no allocation when there are none. */
function charsOutsideAlphabet(code: string): string[] {
  let clean = true;
  for (let i = 0; i < code.length && clean; i++) clean = alphabetIndex(code.charCodeAt(i)) !== -1;
  return clean ? [] : [...code].filter((ch) => !USCC_ALPHABET.includes(ch));
}

export function validateUscc(raw: string): UsccResult {
  const code = compactUscc(raw);
  if (code === '') return { ok: false, code, reason: 'empty', detail: '代码为空' };
  if (code.length !== 18) {
    return { ok: false, code, reason: 'length', detail: `长度为 ${code.length} 位，应为 18 位` };
  }
  const bad = charsOutsideAlphabet(code);
  if (bad.length > 0) {
    return { ok: false, code, reason: 'alphabet', detail: `含非法字符 ${[...new Set(bad)].join(' ')}` };
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (code.charAt(17) !== expected) {
    return { ok: false, code, reason: 'checkChar', detail: `第 18 位校验码应为 ${expected}，实为 ${code.charAt(17)}` };
  }
  const orgExpected = orgCodeCheckDigit(code.slice(8, 16));
  if (code.charAt(16) !== orgExpected) {
    return {
      ok: false,
      code,
      reason: 'orgCodeCheckDigit',
      detail: `内嵌组织机构代码 ${code.slice(8, 17)} 的校验位应为 ${orgExpected}，实为 ${code.charAt(16)}`,
    };
  }
  return { ok: true, code };
}

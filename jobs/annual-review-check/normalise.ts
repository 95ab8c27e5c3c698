// Text normalisation before comparing bank and registry values, so that cosmetic differences
// (widths, spaces, bracket styles, dot styles, letter case) never count as mismatches.
//
// Example: normaliseText('北京 ＡＢＣ（集团）有限公司') === normaliseText('北京abc(集团)有限公司')

import { normaliseCommonText } from './common-text';

/** Every bracket style clerks and portals use, mapped onto ASCII `(` / `)`. */
const OPEN_BRACKETS = '（(﹙〔【［[｛{〖「『';
/** Whitespace to drop and brackets to unify, in one pass (this runs millions of times). */
const SPACES_AND_BRACKETS = /\s+|[（(﹙〔【［[｛{〖「『）)﹚〕】］\]｝}〗」』]/gu;
/**
 * Middle dots in transliterated personal names (艾力·托合提): U+00B7, bullet, full-width full stop
 * (which NFKC turns into `.`), katakana middle dot, hyphenation point, dot operators.
 */
const MIDDLE_DOTS = /[·•.．・･‧∙⋅]/gu;

/**
 * NFKC (full-width → half-width, U+3000 → space), all whitespace removed, brackets unified to
 * `()`, Latin letters upper-cased (bank systems often store `WAYNE` where the registry has `Wayne`).
 */
export function normaliseText(value: string): string {
  // Nearly all text is CJK, ASCII and full-width punctuation: mapped in one scan, no ICU, no regex.
  const common = normaliseCommonText(value);
  if (common !== null) return common;
  return value
    .normalize('NFKC')
    .replace(SPACES_AND_BRACKETS, (match) => (/^\s/u.test(match) ? '' : OPEN_BRACKETS.includes(match) ? '(' : ')'))
    .toUpperCase();
}

/** Equal after normalisation; identical raw text short-cuts the work (the common case). */
export function sameText(a: string, b: string): boolean {
  return a === b || normaliseText(a) === normaliseText(b);
}

/** normaliseText plus one middle dot `·` for every dot style: for legal representatives' names. */
export function normalisePersonName(value: string): string {
  return normaliseText(value).replace(MIDDLE_DOTS, '·');
}

/** A value that says "nothing here": empty, whitespace, `N/A`, `-`, `无`, `null`. */
export function isBlank(value: string | null | undefined): boolean {
  if (value == null) return true;
  const trimmed = value.trim();
  // Every blank marker is short; long text is never blank (and skipping it keeps this cheap).
  if (trimmed.length > 8) return false;
  const text = normaliseText(trimmed);
  return text === '' || text === 'N/A' || text === 'NA' || text === '-' || text === '--' || text === '无' || text === 'NULL';
}

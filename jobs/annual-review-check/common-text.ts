// normaliseText's fast path for the characters bank and registry text is made of: CJK ideographs,
// ASCII, full-width ASCII (`（`, `；`, `，`, `Ａ`), the ideographic space and the CJK brackets.
// For these, NFKC + "drop whitespace, unify brackets" + upper-casing is a fixed per-character
// mapping, applied here in one scan without ICU or a regex. Text with any other character returns
// null and takes the general path. (None of these characters composes with a neighbour under
// NFKC, so mapping them one at a time is the same as normalising the whole string; the tests check
// every UTF-16 code unit against the general path.)

const DROP = -1;
const OTHER = -2;

const OPEN = 0x28; // (
const CLOSE = 0x29; // )

/** After NFKC: an ASCII character's normal form (brackets unified, letters upper-cased, whitespace dropped). */
function asciiNormal(c: number): number {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return DROP;
  if (c === 0x28 || c === 0x5b || c === 0x7b) return OPEN; // ( [ {
  if (c === 0x29 || c === 0x5d || c === 0x7d) return CLOSE; // ) ] }
  if (c >= 0x61 && c <= 0x7a) return c - 0x20; // a–z
  return c;
}

/** The normal form of one UTF-16 code unit, DROP, or OTHER when it is not one of the common characters. */
function normalCode(c: number): number {
  if (c >= 0x4e00 && c <= 0x9fff) return c; // CJK unified ideographs: NFKC and case leave them alone
  if (c < 0x80) return c >= 0x09 && c <= 0x0d ? DROP : c >= 0x20 && c <= 0x7e ? asciiNormal(c) : OTHER;
  if (c >= 0xff01 && c <= 0xff5e) return asciiNormal(c - 0xfee0); // full-width ASCII: NFKC gives the ASCII one
  switch (c) {
    case 0x3000: // ideographic space: NFKC gives a space, which is dropped
      return DROP;
    case 0x3001: // 、
    case 0x3002: // 。
      return c;
    case 0x3014: // 〔
    case 0x3010: // 【
    case 0x3016: // 〖
    case 0x300c: // 「
    case 0x300e: // 『
    case 0xfe59: // ﹙
      return OPEN;
    case 0x3015: // 〕
    case 0x3011: // 】
    case 0x3017: // 〗
    case 0x300d: // 」
    case 0x300f: // 』
    case 0xfe5a: // ﹚
      return CLOSE;
    default:
      return OTHER;
  }
}

/** Longer text takes the general path (keeps the scratch buffer and fromCharCode's argument list small). */
const MAX_LENGTH = 4096;
const scratch = new Uint16Array(MAX_LENGTH);

/** normaliseText(value) when `value` is made only of common characters (`value` itself if unchanged), else null. */
export function normaliseCommonText(value: string): string | null {
  if (value.length > MAX_LENGTH) return null;
  let changed = false;
  let length = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const normal = normalCode(c);
    if (normal === OTHER) return null;
    if (normal === DROP) {
      changed = true;
      continue;
    }
    if (normal !== c) changed = true;
    scratch[length++] = normal;
  }
  return changed ? String.fromCharCode(...scratch.subarray(0, length)) : value;
}

import { isDeepStrictEqual } from 'node:util';

/**
 * The first place where `actual` differs from `expected`, as a readable line naming the path and
 * both values, or null when they agree. With `allowAddedKeys`, an object in `actual` may carry keys
 * that `expected` lacks, at any depth (kpis.json gains status and comparison keys; every golden key
 * must still be there with its value). Arrays must match in length and order.
 */
export function firstDifference(expected: unknown, actual: unknown, options: { allowAddedKeys: boolean }, at = '$'): string | null {
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return mismatch(at, expected, actual);
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      if (i >= expected.length) return `${at}[${i}]: not in the golden output, got ${show(actual[i])}`;
      if (i >= actual.length) return `${at}[${i}]: missing, golden has ${show(expected[i])}`;
      const d = firstDifference(expected[i], actual[i], options, `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (isPlainObject(expected) && isPlainObject(actual)) {
    for (const key of Object.keys(expected)) {
      if (!(key in actual)) return `${at}.${key}: missing, golden has ${show(expected[key])}`;
      const d = firstDifference(expected[key], actual[key], options, `${at}.${key}`);
      if (d) return d;
    }
    if (!options.allowAddedKeys) {
      const added = Object.keys(actual).find((k) => !(k in expected));
      if (added !== undefined) return `${at}.${added}: not in the golden output, got ${show(actual[added])}`;
    }
    return null;
  }
  return isDeepStrictEqual(expected, actual) ? null : mismatch(at, expected, actual);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mismatch(at: string, expected: unknown, actual: unknown): string {
  return `${at}: golden ${show(expected)}, got ${show(actual)}`;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

// Address comparison. Clerks often type the full address (`甘肃省兰州市榆中县…`) where the registry
// starts at the county (`榆中县…`), or the other way round: that is not a change of address.
//
// Example: compareAddress('甘肃省兰州市榆中县来紫堡乡', '榆中县来紫堡乡') → { match: true, similarity: 1 }

import { normaliseText } from './normalise';

/** Provinces as people write them without the suffix (`甘肃兰州市…`). */
const PROVINCE_SHORT_NAMES =
  '北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门';

/**
 * One administrative unit: a province/city/district/county/banner name with its suffix, or a bare
 * province name. `{1,12}?` is lazy so that `甘肃省兰州市` splits into two units.
 */
const ADMIN_UNIT = `(?:(?:${PROVINCE_SHORT_NAMES})(?:省|市|自治区|特别行政区|壮族自治区|回族自治区|维吾尔自治区)?|[\\p{Script=Han}]{1,12}?(?:省|自治区|特别行政区|市|自治州|地区|盟|区|县|旗))`;
const ADMIN_PREFIX = new RegExp(`^(?:${ADMIN_UNIT})+$`, 'u');

export interface AddressComparison {
  match: boolean;
  /** 0..1, 1 when equal after normalisation or equal up to an administrative prefix. */
  similarity: number;
}

/** True when `prefix` is made only of administrative-unit names (`甘肃省兰州市`, `北京市朝阳区`). */
export function isAdministrativePrefix(prefix: string): boolean {
  return prefix !== '' && ADMIN_PREFIX.test(prefix);
}

/** The code points of `text` (a surrogate pair is one), as numbers. */
function codePoints(text: string): number[] {
  const points: number[] = [];
  for (const ch of text) points.push(ch.codePointAt(0) ?? 0);
  return points;
}

/**
 * 1 − Levenshtein distance / longer length, on code points. Two rows of a typed array: this runs
 * for every differing address, ~30 × 30 cells each.
 */
export function textSimilarity(a: string, b: string): number {
  const x = codePoints(a);
  const y = codePoints(b);
  const longest = Math.max(x.length, y.length);
  if (longest === 0) return 1;
  let previous = new Int32Array(y.length + 1);
  let current = new Int32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) previous[j] = j;
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] as number) + (xi === y[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return Math.round((1 - (previous[y.length] as number) / longest) * 1000) / 1000;
}

export function compareAddress(bank: string, registry: string): AddressComparison {
  if (bank === registry) return { match: true, similarity: 1 };
  const a = normaliseText(bank);
  const b = normaliseText(registry);
  if (a === b) return { match: true, similarity: 1 };
  const [longer, shorter] = a.length >= b.length ? [a, b] : [b, a];
  if (shorter !== '' && longer.endsWith(shorter) && isAdministrativePrefix(longer.slice(0, longer.length - shorter.length))) {
    return { match: true, similarity: 1 };
  }
  return { match: false, similarity: textSimilarity(a, b) };
}

/**
 * The p-th percentile by nearest rank: the ⌈p/100 · n⌉-th smallest value. Computed with integer
 * arithmetic because 0.9 · 30 is 27.000000000000004 in floating point, which would pick rank 28.
 *
 * @example nearestRank([5, 1, 3], 90) // → 5 (⌈2.7⌉ = 3rd smallest)
 */
export function nearestRank(values: readonly number[], percent: number): number | null {
  if (values.length === 0) return null;
  if (!Number.isInteger(percent) || percent <= 0 || percent > 100) {
    throw new RangeError(`nearestRank: percent must be an integer in 1..100, got ${percent}`);
  }
  const sorted = Float64Array.from(values).sort();
  const rank = Math.floor((percent * values.length + 99) / 100);
  return sorted[rank - 1] ?? null;
}

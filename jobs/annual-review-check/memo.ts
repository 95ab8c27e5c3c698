// Remembers a pure text → value function's answers. The values the rules parse (status words,
// dates, capital amounts) repeat across accounts far more than they differ, so a run of 100,000
// accounts parses each distinct text once instead of once per account.
//
// Example: const parseTerm = memoiseText(parseTermUncached); parseTerm('2030年1月5日')
//
// Answers are shared between callers: treat them as read-only. The cache is bounded (emptied when
// full), so a file of all-different values costs a little time, never unbounded memory.

const DEFAULT_MAX_ENTRIES = 20_000;

/** `fn` must never return `undefined` (that is how a miss is told apart, with one Map lookup). */
export function memoiseText<T extends object | null>(fn: (text: string) => T, maxEntries = DEFAULT_MAX_ENTRIES): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const value = fn(text);
    if (cache.size >= maxEntries) cache.clear();
    cache.set(text, value);
    return value;
  };
}

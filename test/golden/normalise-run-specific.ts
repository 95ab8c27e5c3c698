/**
 * Replaces what differs between two runs of the same job on the same world and date, and nothing
 * else. Exactly these are normalised (found by diffing the outputs; nothing else varied):
 *  - `generatedAt` (any key of that name, e.g. top level of kpis.json): the wall-clock time the
 *    report was built.
 *  - the "生成时间: YYYY-MM-DD HH:MM:SS" text in workbook cells (the daily report's sheet
 *    subtitles): the same wall-clock time, printed.
 *  - `fetchedAt` (any key of that name: mismatches.json's evidence pages, #17): when the registry
 *    page arrived, wall-clock time.
 *  - the fixture's origin `http://127.0.0.1:<port>` in strings (evidence pages' `url`): the port
 *    the fixture listened on. The page's path and query stay, and its sha256 (the bytes hold no
 *    port: links are relative).
 * Not normalised, because they are fixed for a fresh var dir: `revision` (always 1), the data date,
 * evidence hyperlinks (relative to the run folder). Absolute paths and durations appear in none of
 * the kept files; if one ever does, the comparison names it rather than hiding it.
 */
export const GENERATED_AT = '<generatedAt>';
export const FETCHED_AT = '<fetchedAt>';
export const FIXTURE_ORIGIN = 'http://<fixture>';
const PRINTED_GENERATION_TIME = /生成时间: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/g;
const LOCAL_FIXTURE_ORIGIN = /^http:\/\/127\.0\.0\.1:\d+(?=\/)/u;
const RUN_SPECIFIC_KEYS: Record<string, string> = { generatedAt: GENERATED_AT, fetchedAt: FETCHED_AT };

export function normaliseRunSpecific(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(PRINTED_GENERATION_TIME, `生成时间: ${GENERATED_AT}`).replace(LOCAL_FIXTURE_ORIGIN, FIXTURE_ORIGIN);
  if (Array.isArray(value)) return value.map(normaliseRunSpecific);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, Object.hasOwn(RUN_SPECIFIC_KEYS, k) ? RUN_SPECIFIC_KEYS[k] : normaliseRunSpecific(v)]));
  }
  return value;
}

import type { SourceId } from './figures';

/** Records of one source, as the bots stored them (validated again on the way in). */
export type RecordStream = AsyncIterable<unknown> | Iterable<unknown>;

/**
 * What the build step hands over per source: the records, optionally with the row count the portal
 * showed (checked: fewer or more rows than the portal showed means the extraction was incomplete),
 * or the reason it has none.
 *
 * @example { records: readJsonlValues('transactions.jsonl'), expectedCount: 203118 }
 * @example { missing: '核心业务系统登录失败 (PortalError: 503)' }
 */
export type SourceInput = RecordStream | { records: RecordStream; expectedCount?: number } | { missing: string };

export type SourceInputs = Partial<Record<SourceId, SourceInput>>;

/**
 * A source that could not be used, and why (shown in the report's red banner): a figure source
 * (SourceId), or the bot id of another source of the run (see source-gate.ts).
 */
export interface MissingSource {
  source: SourceId | (string & {});
  reason: string;
}

export function isMissingInput(input: SourceInput): input is { missing: string } {
  return typeof input === 'object' && input !== null && 'missing' in input;
}

export function recordsOf(input: Exclude<SourceInput, { missing: string }>): {
  records: RecordStream;
  expectedCount?: number;
} {
  if (typeof input === 'object' && input !== null && 'records' in input) return input;
  return { records: input };
}

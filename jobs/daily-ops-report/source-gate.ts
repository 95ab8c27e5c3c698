import type { SourceStatus } from '../runtime/run-store';
import { SOURCE_IDS } from './figures';
import { SOURCE_BOTS } from './source-bots';
import type { MissingSource } from './source-input';

// The data-quality gate speaks for every source of the run, not only the eight the figures read:
// a bot added to the job's `sources` (docs/adding-a-bot.md) that failed makes the report partial,
// and the banner, 数据源状态, kpis.json and the manifest all say so — decided here, before any
// output is written, never patched afterwards.

/** A source of the run that no figure reads (yet): only whether it arrived, and why not. */
export interface OtherSource {
  botId: string;
  /** Why it is missing; null when it was extracted completely. */
  missing: string | null;
}

/** One row of 数据源状态: a figure source (SourceId) or another source of the run (its bot id). */
export interface SourceState {
  id: string;
  missing: string | null;
}

/** The run's sources other than the report's eight, as their extraction left them. */
export function otherSourcesOf(statuses: readonly SourceStatus[]): OtherSource[] {
  const known = new Set<string>(Object.values(SOURCE_BOTS));
  return statuses
    .filter((s) => !known.has(s.botId))
    .map((s) => ({ botId: s.botId, missing: s.status === 'ok' ? null : `${s.botId}: ${s.error ?? '未抽取'}` }));
}

/**
 * The gate's verdict over every source: `missing` lists each one that failed (the figure sources'
 * reasons come from reading them: failed, incomplete or invalid), `sources` every source in the
 * order the report shows them. The report is partial exactly when `missing` is not empty.
 */
export function gateSources(figureSourcesMissing: readonly MissingSource[], others: readonly OtherSource[]): { missing: MissingSource[]; sources: SourceState[] } {
  const reason = new Map(figureSourcesMissing.map((m) => [m.source, m.reason]));
  return {
    missing: [...figureSourcesMissing, ...others.flatMap((o) => (o.missing === null ? [] : [{ source: o.botId, reason: o.missing }]))],
    sources: [...SOURCE_IDS.map((id) => ({ id, missing: reason.get(id) ?? null })), ...others.map((o) => ({ id: o.botId, missing: o.missing }))],
  };
}

import path from 'node:path';
import { readJsonlValues } from '../../bots/sdk/jsonl-reader';
import type { SourceStatus } from '../runtime/run-store';
import type { SourceId } from './figures';
import { SOURCE_BOTS } from './source-bots';
import type { SourceInputs } from './source-input';

/**
 * Each source's records as its extraction left them in `dir` (a run folder, or one of its history
 * days), or the reason it is missing: a failed or absent extraction is said, never read as empty.
 */
export function readSources(dir: string, statuses: readonly SourceStatus[]): SourceInputs {
  const sources: SourceInputs = {};
  for (const [source, botId] of Object.entries(SOURCE_BOTS) as [SourceId, string][]) {
    const status = statuses.find((s) => s.botId === botId);
    if (!status || status.status !== 'ok' || !status.file) {
      sources[source] = { missing: `${botId}: ${status?.error ?? '未抽取'}` };
      continue;
    }
    sources[source] = { records: readJsonlValues(path.join(dir, status.file)), expectedCount: status.expected ?? undefined };
  }
  return sources;
}

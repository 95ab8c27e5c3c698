import { existsSync } from 'node:fs';
import { readJsonlValues } from '../../../bots/sdk/jsonl-reader';

/** The audit log's entries, oldest first; a broken line throws naming file and line, never skipped silently. */
export async function readAudit(file: string): Promise<Record<string, unknown>[]> {
  if (!existsSync(file)) return [];
  const entries: Record<string, unknown>[] = [];
  for await (const entry of readJsonlValues(file)) entries.push(entry as Record<string, unknown>);
  return entries;
}

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeJsonAtomic } from '../../../bots/sdk/atomic-write';
import { SourceStatus } from './manifest';

/** Each extraction child leaves `sources/<botId>.status.json` in the run folder: ok with counts, or failed with why. */
export function sourceStatusPath(runDir: string, botId: string): string {
  return path.join(runDir, 'sources', `${botId}.status.json`);
}

export async function writeSourceStatus(runDir: string, status: SourceStatus): Promise<void> {
  await writeJsonAtomic(sourceStatusPath(runDir, status.botId), SourceStatus.parse(status));
}

/** The status a child left, or a failed status saying that none was left (never a silent gap). */
export async function readSourceStatus(runDir: string, botId: string): Promise<SourceStatus> {
  const file = sourceStatusPath(runDir, botId);
  if (!existsSync(file)) {
    return { botId, status: 'failed', count: null, expected: null, file: null, sha256: null, durationMs: null, error: 'extraction left no result', evidence: [] };
  }
  return SourceStatus.parse(JSON.parse(await readFile(file, 'utf8')));
}

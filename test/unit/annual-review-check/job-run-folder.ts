// A hand-made run folder for the annual-review-check build step: the sources' JSONL files and
// statuses as the runtime would leave them, and a BuildContext over it (no portal, no queue).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import type { RegistryLookupResult, ReviewAccountRecord } from '../../../bots/records';
import type { BuildContext, SourceStatus } from '../../../jobs/define-job';

export type { RegistryLookupResult as LookupLine } from '../../../bots/records';

export async function writeJsonl(file: string, lines: readonly unknown[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
}

export function okSource(botId: string, count: number): SourceStatus {
  return { botId, botVersion: '1.0.0', status: 'ok', count, expected: null, file: `sources/${botId}.jsonl`, sha256: 'ab'.repeat(32), durationMs: 10, evidence: [] };
}

export function failedSource(botId: string, error: string): SourceStatus {
  return { botId, botVersion: '1.0.0', status: 'failed', count: null, expected: null, file: null, sha256: null, durationMs: null, error, evidence: [] };
}

/** Writes the accounts bot's and the registry bot's files; returns their ok statuses. */
export async function writeBotSources(runDir: string, accounts: readonly ReviewAccountRecord[], lookups: readonly RegistryLookupResult[]): Promise<SourceStatus[]> {
  await writeJsonl(path.join(runDir, 'sources/annual-review.accounts.jsonl'), accounts);
  await writeJsonl(path.join(runDir, 'sources/registry.company.jsonl'), lookups);
  return [okSource('annual-review.accounts', accounts.length), okSource('registry.company', lookups.length)];
}

export function buildContext(
  runDir: string,
  sources: SourceStatus[],
  opts: { browser?: () => Promise<Browser>; previous?: string; options?: Record<string, unknown>; date?: string } = {},
): BuildContext {
  return {
    job: 'annual-review-check',
    date: opts.date ?? '2025-10-31',
    revision: 1,
    runId: `annual-review-check/${opts.date ?? '2025-10-31'}/r1`,
    runDir,
    sources,
    sourcesIn: {},
    options: opts.options ?? {},
    log: pino({ level: 'silent' }),
    browser: opts.browser ?? (() => Promise.reject(new Error('no browser in this test'))),
    previousRuns: async (limit) => (opts.previous ? [{ dataDate: '2024-10-31', runDir: opts.previous }].slice(0, limit) : []),
  };
}

import type { Browser } from 'playwright-core';
import type { Logger } from 'pino';
import type { OutputFile, SourceStatus } from './runtime/run-store';

/** One extraction a job needs: which bot, with which input. */
export interface SourceRequest {
  botId: string;
  input: unknown;
  /** Run only after this source's extraction (e.g. registry lookups after the accounts list). */
  after?: string;
}

/** What `prepare` gets: the run folder being staged, before any extraction is queued. */
export interface PrepareContext {
  job: string;
  date: string;
  runDir: string;
  options: Record<string, unknown>;
}

export interface BuildContext {
  job: string;
  date: string;
  revision: number;
  runId: string;
  /** The run folder being built (staging); outputs go here. */
  runDir: string;
  /** One entry per extraction child, ok or failed. */
  sources: SourceStatus[];
  options: Record<string, unknown>;
  log: Logger;
  browser: () => Promise<Browser>;
  /** Finished runs of this job for earlier dates (history, previous mismatches). */
  previousRuns: (limit: number) => Promise<{ dataDate: string; runDir: string }[]>;
}

export interface BuildResult {
  status: 'ok' | 'partial' | 'failed';
  /** Output files, relative to the run folder; sha256 is added by the runtime. */
  outputs: string[];
  errors?: { source?: string; message: string; evidence?: string[] }[];
  stages?: Record<string, number>;
  details?: Record<string, unknown>;
}

/**
 * A job: what it extracts (children in queue `bots`) and how it builds its outputs (parent in
 * queue `reports`). Orchestration does no I/O of its own; the runtime runs the pieces.
 *
 * @example
 * export default defineJob({ id: 'daily-ops-report', title: '运营日报',
 *   sources: ({ date }) => [{ botId: 'core-banking.transactions', input: { date } }],
 *   build: (ctx) => buildDailyReport(ctx) });
 */
export interface JobDefinition {
  id: string;
  title: string;
  sources(params: { date: string; options: Record<string, unknown> }): SourceRequest[];
  /**
   * Optional, runs in the triggering process before the flow is queued: validate and stage inputs
   * (e.g. an ops user's accounts file) so that bad input is refused before any lookup (exit 2).
   */
  prepare?(ctx: PrepareContext): Promise<void>;
  build(ctx: BuildContext): Promise<BuildResult>;
}

export function defineJob(def: JobDefinition): JobDefinition {
  if (!/^[a-z][a-z0-9-]*$/.test(def.id)) throw new Error(`job id ${JSON.stringify(def.id)}: use kebab-case`);
  return def;
}

export type { OutputFile, SourceStatus };

import type { Kysely } from 'kysely';
import type { Browser } from 'playwright-core';
import type { Logger } from 'pino';
import type { Config } from './runtime/config/schema';
import type { Database } from './runtime/db/tables';
import type { OutputFile, PreviousRuns, SourceStatus } from './runtime/run-store';
import type { JobSchedule } from './runtime/schedules/schedule-definitions';

/** One extraction a job needs: which bot, with which input. */
export interface SourceRequest {
  botId: string;
  input: unknown;
  /** Run only after this source's extraction (e.g. registry lookups after the accounts list). */
  after?: string;
  /**
   * A sub-folder of the run folder for this extraction's records and status (default: the run
   * folder itself). Lets one run extract the same bot for other dates, e.g. `history/2026-11-19`.
   * Such sources are the job's own business: they are not in the manifest's sources and do not
   * make the run partial.
   */
  dir?: string;
}

/** A source's key within its run: its bot id, prefixed by its folder when it has one. */
export function sourceKey(s: Pick<SourceRequest, 'botId' | 'dir'>): string {
  return s.dir ? `${s.dir}/${s.botId}` : s.botId;
}

/** What `prepare` gets: the run folder being staged, before any extraction is queued. */
export interface PrepareContext {
  job: string;
  date: string;
  runDir: string;
  options: Record<string, unknown>;
  /** Finished runs of this job for earlier dates. */
  previousRuns: PreviousRuns;
  /** The deployment's settings (the one config schema), e.g. `computeMissingHistory`, input limits. */
  config: Config;
}

/** What `prepare` may hand on: options added to the run's (seen by `sources` and the build). */
export interface Prepared {
  options?: Record<string, unknown>;
}

export interface BuildContext {
  job: string;
  date: string;
  revision: number;
  runId: string;
  /** The run folder being built (staging); outputs go here. */
  runDir: string;
  /** One entry per extraction child in the run folder itself, ok or failed. */
  sources: SourceStatus[];
  /** The statuses of sources with a `dir`, by dir. */
  sourcesIn: Record<string, SourceStatus[]>;
  options: Record<string, unknown>;
  log: Logger;
  browser: () => Promise<Browser>;
  /** Finished runs of this job for earlier dates (history, previous mismatches). */
  previousRuns: PreviousRuns;
  /**
   * The case ledger's database and the deployment's settings (SLA days, dismissal expiry), when the
   * worker has a database (review-workbench.md); absent, the build keeps no cases and says so.
   */
  cases?: { db: Kysely<Database>; config: Config };
}

/** What a job's work alongside one of its extractions gets (JobDefinition.alongside). */
export interface AlongsideContext {
  job: string;
  date: string;
  runDir: string;
  /** The source's input, as queued (e.g. which accounts file it looks up). */
  input: unknown;
  log: Logger;
  browser: () => Promise<Browser>;
  signal?: AbortSignal;
}

/** A job's work alongside an extraction: fed each record as it is written, then told how it ended. */
export interface Alongside {
  /** One record, validated and written. Must not throw and should not block (queue the work). */
  record(record: unknown): void;
  /** The extraction ended (ok: its file is committed); resolves when the work is done or given up. */
  finish(ok: boolean): Promise<void>;
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
 *   schedule: { cron: '30 7 * * *', tz: 'Asia/Shanghai', businessDaysOnly: true, dataDate: 'previous-business-day', catchUpMs: 6 * HOUR },
 *   sources: ({ date }) => [{ botId: 'core-banking.transactions', input: { date } }],
 *   build: (ctx) => buildDailyReport(ctx) });
 */
export interface JobDefinition {
  id: string;
  title: string;
  /**
   * When it runs on its own (admins override cron, time zone and pause with `opsbot schedule`).
   * Without one the job runs only when asked (`opsbot run`).
   */
  schedule?: JobSchedule;
  sources(params: { date: string; options: Record<string, unknown> }): SourceRequest[];
  /**
   * Optional, runs in the triggering process before the flow is queued: validate and stage inputs
   * (e.g. an ops user's accounts file) so that bad input is refused before any lookup (exit 2),
   * or look at earlier runs to decide what else to extract.
   */
  prepare?(ctx: PrepareContext): Promise<Prepared | void>;
  /**
   * Optional: work on one source's records while that source is extracted, in the worker running
   * it, e.g. rendering evidence for what the job's rules flag while the extraction waits on a
   * portal's rate limit. Only ever a head start: its failure is logged, never fails the
   * extraction, and the build must give the same outputs without it.
   */
  alongside?: { source: string; start(ctx: AlongsideContext): Alongside };
  build(ctx: BuildContext): Promise<BuildResult>;
}

export function defineJob(def: JobDefinition): JobDefinition {
  if (!/^[a-z][a-z0-9-]*$/.test(def.id)) throw new Error(`job id ${JSON.stringify(def.id)}: use kebab-case`);
  return def;
}

export type { JobSchedule, OutputFile, PreviousRuns, SourceStatus };

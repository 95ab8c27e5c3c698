import { z } from 'zod';

export const SourceStatus = z.object({
  botId: z.string(),
  botVersion: z.string().optional(),
  status: z.enum(['ok', 'failed']),
  count: z.number().int().nullable(),
  /** The total the portal stated. */
  expected: z.number().int().nullable(),
  file: z.string().nullable(),
  sha256: z.string().nullable(),
  durationMs: z.number().nullable(),
  error: z.string().optional(),
  evidence: z.array(z.string()).default([]),
});
export type SourceStatus = z.infer<typeof SourceStatus>;

export const OutputFile = z.object({ file: z.string(), sha256: z.string(), bytes: z.number().int() });
export type OutputFile = z.infer<typeof OutputFile>;

export const RunStatus = z.enum(['ok', 'partial', 'failed']);
export type RunStatus = z.infer<typeof RunStatus>;

/** How good a finished run is: ok > partial > failed (`latest` of a date never moves to a worse one). */
export function statusRank(status: RunStatus): number {
  return { ok: 2, partial: 1, failed: 0 }[status];
}

/** What one run did: read by `opsbot runs`, by the next run (history) and by other systems. */
export const RunManifest = z.object({
  runId: z.string(),
  job: z.string(),
  dataDate: z.string(),
  revision: z.number().int().min(1),
  status: RunStatus,
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  sources: z.array(SourceStatus),
  outputs: z.array(OutputFile),
  stages: z.record(z.string(), z.number()).default({}),
  errors: z.array(z.object({ source: z.string().optional(), message: z.string(), evidence: z.array(z.string()).default([]) })).default([]),
  /** Job-specific facts (counts by severity, missing sources, inputs with sha256, ...). */
  details: z.record(z.string(), z.unknown()).default({}),
  /**
   * Set when this revision finished worse than the date's latest (e.g. a forced re-run that came
   * back partial over an ok r1): it did not become `latest` and is not delivered; that one is named.
   */
  notLatest: z.object({ latest: z.string(), status: RunStatus }).optional(),
});
export type RunManifest = z.infer<typeof RunManifest>;

/** A run's id, also its path in the run store and its BullMQ job id (which may not contain ':'). */
export function runIdOf(job: string, date: string, revision: number): string {
  return `${job}/${date}/r${revision}`;
}

export function parseRunId(runId: string): { job: string; date: string; revision: number } {
  const m = /^([a-z0-9-]+)\/(\d{4}-\d{2}-\d{2})\/r(\d+)$/.exec(runId);
  if (!m) throw new Error(`not a run id: ${JSON.stringify(runId)} (expected <job>/<YYYY-MM-DD>/r<N>, e.g. daily-ops-report/2026-11-20/r1)`);
  return { job: m[1]!, date: m[2]!, revision: Number(m[3]) };
}

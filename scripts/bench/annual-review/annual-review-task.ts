// The annual-review check end to end in this (child) process, as a worker machine runs it: a
// BullMQ worker, the accounts bot reading the annual-review portal, the registry bot looking up
// every code through the browser against the registry at its default rate limit, the build
// (rules, results.json, Excel, PDF). Redis and the portals run in the parent (the bank's side).
//
// Memory is sampled over the whole run (this process and its Chromium), so "flat" can be read
// off the timeline, not only from a peak.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../../../jobs/runtime/config';
import { triggerRun, waitForRun } from '../../../jobs/runtime/flows';
import { startWorker } from '../../../jobs/runtime/worker';
import { composeRuntime } from '../../app/compose-runtime';
import { treeRssMb } from '../proc-rss';

export interface AnnualReviewTaskArgs {
  varDir: string;
  redisUrl: string;
  portals: Record<string, { url: string; username?: string; password?: string }>;
  date: string;
  accounts: number;
  /** Seconds between memory samples. */
  sampleEverySec: number;
}

export interface AnnualReviewResult {
  accounts: number;
  date: string;
  status: string;
  /** Trigger to the run's manifest written, ms. */
  wallMs: number;
  sources: { botId: string; durationMs: number | null; count: number | null; status: string }[];
  stages: Record<string, number>;
  verdicts: Record<string, number>;
  inputErrors: number;
  /** Evidence screenshots kept with the run (one per flagged company). */
  evidenceFiles: number;
  /** RSS of this process tree (node + Chromium) over the run: seconds since trigger, MB. */
  rssTimeline: { atSec: number; rssMb: number }[];
}

export async function runAnnualReview(args: AnnualReviewTaskArgs): Promise<AnnualReviewResult> {
  const config = { ...parseConfig({}, args.varDir), varDir: args.varDir, redisUrl: args.redisUrl, queuePrefix: `bench${process.pid}`, logLevel: 'warn' as const, portals: args.portals };
  const runtime = composeRuntime({ config, redis: args.redisUrl });
  const worker = await startWorker(runtime);
  const rssTimeline: AnnualReviewResult['rssTimeline'] = [];
  const t0 = performance.now();
  const sample = () => rssTimeline.push({ atSec: Math.round((performance.now() - t0) / 1000), rssMb: Math.round(treeRssMb(process.pid)) });
  const timer = setInterval(sample, args.sampleEverySec * 1000);
  try {
    sample();
    const t = await triggerRun(runtime, { job: 'annual-review-check', date: args.date });
    const built = await waitForRun(runtime, t.runId, 3 * 60 * 60_000);
    const wallMs = performance.now() - t0;
    sample();
    const manifest = await runtime.store.read(built.runDir);
    const results = JSON.parse(readFileSync(path.join(built.runDir, 'results.json'), 'utf8')) as { accounts: { verdict: string }[]; inputErrors: unknown[] };
    const verdicts: Record<string, number> = {};
    for (const a of results.accounts) verdicts[a.verdict] = (verdicts[a.verdict] ?? 0) + 1;
    const evidenceDir = path.join(built.runDir, 'evidence', 'registry.company');
    const evidence = existsSync(evidenceDir) ? readdirSync(evidenceDir).filter((f) => f.endsWith('.png')).length : 0;
    return {
      accounts: args.accounts,
      date: args.date,
      status: manifest.status,
      wallMs,
      sources: manifest.sources.map((s) => ({ botId: s.botId, durationMs: s.durationMs, count: s.count, status: s.status })),
      stages: manifest.stages,
      verdicts,
      inputErrors: results.inputErrors.length,
      evidenceFiles: evidence,
      rssTimeline,
    };
  } finally {
    clearInterval(timer);
    await worker.close();
  }
}

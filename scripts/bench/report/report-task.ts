// The daily report end to end in this (child) process: a BullMQ worker (extraction of all eight
// sources through their bots, build, delivery) driven by a trigger, against the fixture portals
// and Redis the parent runs, so this process tree holds only what a worker machine would.
//
// Per stage: extraction per bot from the manifest (sources[].durationMs), the build's figures /
// Excel / PDF from when it wrote kpis.json, the .xlsx and the .pdf (in that order; the build's
// total is in the manifest's stages), delivery from the manifest's end to the outbox marker.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseConfig, runtimePaths } from '../../../jobs/runtime/config';
import { triggerRun, waitForRun } from '../../../jobs/runtime/flows';
import { startWorker } from '../../../jobs/runtime/worker';
import { composeRuntime } from '../../app/compose-runtime';

export interface ReportTaskArgs {
  varDir: string;
  redisUrl: string;
  portals: Record<string, { url: string; username?: string; password?: string }>;
  date: string;
  scale: string;
  /** Also extract the 5 earlier days no run covers (a first run); off: the daily steady state. */
  computeMissingHistory?: boolean;
}

export interface ReportResult {
  scale: string;
  date: string;
  status: string;
  /** Trigger to delivered, ms. */
  wallMs: number;
  extraction: { botId: string; durationMs: number | null; count: number | null; status: string }[];
  /** Build sub-stages, ms: figures (+ kpis.json), Excel, PDF; and the build as the manifest has it. */
  build: { figuresMs: number; excelMs: number; pdfMs: number; buildMs: number };
  deliveryMs: number | null;
  /**
   * The earlier business days the run extracted itself (`history/<day>/`, when no run of those
   * days existed — always so on a fresh bench folder): jobs and their summed time per bot. They
   * share the extraction workers with the data date's sources, so they are part of the wall time.
   */
  history: { days: string[]; jobs: number; byBot: Record<string, { runs: number; totalMs: number; records: number }> };
  outputs: { file: string; bytes: number }[];
}

const mtime = (file: string): number => statSync(file).mtimeMs;

/** What the run extracted for earlier days, from the status files under `history/<day>/sources/`. */
function historyOf(runDir: string): ReportResult['history'] {
  const root = path.join(runDir, 'history');
  const days = existsSync(root) ? readdirSync(root).sort() : [];
  const byBot: ReportResult['history']['byBot'] = {};
  let jobs = 0;
  for (const day of days) {
    const dir = path.join(root, day, 'sources');
    for (const f of existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.status.json')) : []) {
      const s = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { botId: string; durationMs: number | null; count: number | null };
      const b = (byBot[s.botId] ??= { runs: 0, totalMs: 0, records: 0 });
      b.runs += 1;
      b.totalMs += s.durationMs ?? 0;
      b.records += s.count ?? 0;
      jobs += 1;
    }
  }
  return { days, jobs, byBot };
}

async function waitFor(file: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

export async function runReport(args: ReportTaskArgs): Promise<ReportResult> {
  // A day's report as it runs every morning: the earlier days' figures come from their runs. The
  // first run's extra work (extracting 5 earlier days when no run has them) is not the daily cost.
  const config = {
    ...parseConfig({}, args.varDir), varDir: args.varDir, redisUrl: args.redisUrl, queuePrefix: `bench${process.pid}`, logLevel: 'warn' as const, portals: args.portals,
    computeMissingHistory: args.computeMissingHistory ?? false,
  };
  const runtime = composeRuntime({ config, redis: args.redisUrl });
  const worker = await startWorker(runtime);
  try {
    const t0 = performance.now();
    const t = await triggerRun(runtime, { job: 'daily-ops-report', date: args.date });
    const built = await waitForRun(runtime, t.runId, 60 * 60_000);
    const manifest = await runtime.store.read(built.runDir);
    const outbox = path.join(runtimePaths(config).outboxDir, manifest.job, manifest.dataDate, `r${manifest.revision}`);
    const marker = path.join(outbox, '.delivered.json');
    const delivered = await waitFor(marker, 120_000);
    const wallMs = performance.now() - t0;
    const file = (suffix: string) => path.join(built.runDir, suffix);
    const kpis = mtime(file('kpis.json'));
    const xlsx = mtime(file(`daily-ops-report-${args.date}.xlsx`));
    const pdf = mtime(file(`daily-ops-report-${args.date}.pdf`));
    const buildMs = manifest.stages.report;
    if (buildMs === undefined) throw new Error(`${t.runId}: the manifest has no stages.report (the build's time)`);
    // The build step's clock starts when it hands the sources to the report; it ends after the PDF.
    const buildStart = pdf - buildMs;
    const deliveredAt = delivered ? Date.parse((JSON.parse(readFileSync(marker, 'utf8')) as { deliveredAt: string }).deliveredAt) : null;
    return {
      scale: args.scale,
      date: args.date,
      status: manifest.status,
      wallMs,
      extraction: manifest.sources.map((s) => ({ botId: s.botId, durationMs: s.durationMs, count: s.count, status: s.status })),
      build: { figuresMs: kpis - buildStart, excelMs: xlsx - kpis, pdfMs: pdf - xlsx, buildMs },
      history: historyOf(built.runDir),
      deliveryMs: deliveredAt === null ? null : deliveredAt - Date.parse(manifest.finishedAt),
      outputs: manifest.outputs.map((o) => ({ file: o.file, bytes: o.bytes })),
    };
  } finally {
    await worker.close();
  }
}

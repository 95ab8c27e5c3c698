// The daily report end to end at one scale: Redis and the fixture portals run here (the bank's
// side, not measured), the worker and the trigger in a child process (measured: its tree is the
// worker and its browser).

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFixtures } from '../../../fixtures/start-fixtures';
import type { Scale } from '../../../fixtures/generator/scale';
import { startEmbeddedRedis } from '../../../jobs/runtime/redis';
import { runChild } from '../run-child';
import type { ReportResult } from './report-task';

export interface ReportFigure extends ReportResult {
  peakRssMb: number;
  peakPssMb: number;
  treeCpuMs: number;
  cpuByKind: Record<string, { cpuMs: number; processes: number }>;
}

/** A Friday: a business day whose data every portal generates. */
export const REPORT_DATE = '2026-11-20';

export async function benchReport(scale: Scale, log: (line: string) => void = console.log): Promise<ReportFigure> {
  const varDir = mkdtempSync(path.join(os.tmpdir(), `opsbot-bench-report-${scale}-`));
  const redis = await startEmbeddedRedis(path.join(varDir, 'redis'));
  const fixtures = await startFixtures({ seed: 42, scale });
  try {
    const portals = Object.fromEntries(fixtures.portals.map((p) => [p.id, { url: p.url, username: p.login?.username, password: p.login?.password }]));
    log(`report: daily-ops-report at ${scale} scale ...`);
    const run = await runChild<ReportResult>('report', { varDir, redisUrl: redis.url, portals, date: REPORT_DATE, scale }, { timeoutMs: 60 * 60_000 });
    const figure = { ...run.result, peakRssMb: run.peakRssMb, peakPssMb: run.peakPssMb, treeCpuMs: run.cpuMs, cpuByKind: run.cpuByKind };
    log(`  ${figure.status} in ${(figure.wallMs / 1000).toFixed(1)} s, peak RSS ${figure.peakRssMb.toFixed(0)} MB (PSS ${figure.peakPssMb.toFixed(0)} MB)`);
    return figure;
  } finally {
    await fixtures.stop();
    await redis.stop();
    rmSync(varDir, { recursive: true, force: true });
  }
}

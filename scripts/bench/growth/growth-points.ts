// The sizes "How cost grows" compares (issue 21, item 3), each from the figures its own section
// keeps in docs/benchmarks.json: when report-large or annual-review-10k is measured again, the
// growth table follows without a change here. A size with no figures is `undefined` (rendered as
// "not measured"); a size whose section is kept as text only is read from that text.

import type { AnnualReviewFigure } from '../annual-review/bench-annual-review';
import type { ReportFigure } from '../report/bench-report';
import type { BenchResults, Measured, SectionId } from '../results';
import { keptEngineFigures, keptReportFigures } from './kept-figures';

/** Where a point's figures come from: measured figures, or a section's kept text (rounded as written). */
export interface Provenance {
  measuredAt: string;
  /** 1-minute load average when it started; unknown for kept text. */
  load1?: string;
  fromKeptText: boolean;
}

export interface ReportPoint extends Provenance {
  records: number;
  wallMs: number;
  treeCpuMs: number;
  peakPssMb: number;
}

export interface ReviewPoint extends Provenance {
  accounts: number;
  wallMs: number;
  treeCpuMs: number;
  peakPssMb: number;
  /** The floor the registry's rate limit sets (pages served ÷ allowed rate) and wall ÷ floor. */
  floorMs?: number;
  floorRatio?: number;
  /** Pages the registry served per account looked up. */
  requestsPerAccount?: number;
  rateLimitPerSecond: number;
}

export interface EnginePoint extends Provenance {
  accounts: number;
  totalMs: number;
  totalCpuMs: number;
  peakRssMb: number;
}

export const REPORT_SIZES = [
  { scale: 'small', section: 'report-small' },
  { scale: 'medium', section: 'report-medium' },
  { scale: 'large', section: 'report-large' },
] as const satisfies readonly { scale: string; section: SectionId }[];

export const REVIEW_SIZES = [
  { accounts: 1_000, section: 'annual-review-1k' },
  { accounts: 10_000, section: 'annual-review-10k' },
] as const satisfies readonly { accounts: number; section: SectionId }[];

export const ENGINE_SIZES = [10_000, 100_000, 1_000_000] as const;

const load1 = (m: Measured<unknown>): string | undefined => m.loadBefore.split(',')[0]?.trim() || undefined;
const provenance = (m: Measured<unknown>): Provenance => ({ measuredAt: m.measuredAt, load1: load1(m), fromKeptText: false });

export function reportPoint(results: BenchResults, section: (typeof REPORT_SIZES)[number]['section']): ReportPoint | undefined {
  const m = results[section] as Measured<ReportFigure> | undefined;
  if (m) {
    const d = m.data;
    return { ...provenance(m), records: d.extraction.reduce((n, x) => n + (x.count ?? 0), 0), wallMs: d.wallMs, treeCpuMs: d.treeCpuMs, peakPssMb: d.peakPssMb };
  }
  const kept = results.kept?.[section];
  const figures = kept && keptReportFigures(kept.markdown);
  return figures ? { ...figures, measuredAt: kept.measuredAt, fromKeptText: true } : undefined;
}

export function reviewPoint(results: BenchResults, section: (typeof REVIEW_SIZES)[number]['section']): ReviewPoint | undefined {
  const m = results[section] as Measured<AnnualReviewFigure> | undefined;
  if (!m) return undefined;
  const d = m.data;
  const looked = d.sources.find((x) => x.botId === 'registry.company')?.count;
  return {
    ...provenance(m), accounts: d.accounts, wallMs: d.wallMs, treeCpuMs: d.treeCpuMs, peakPssMb: d.peakPssMb, floorMs: d.floorMs, floorRatio: d.floorRatio,
    requestsPerAccount: d.registryRequests && looked ? d.registryRequests.served / looked : undefined,
    rateLimitPerSecond: d.registryLimit.rateLimitPerSecond,
  };
}

/** Every engine size measured (the three of the issue first, as rows even when missing). */
export function enginePoints(results: BenchResults): Map<number, EnginePoint | undefined> {
  const points = new Map<number, EnginePoint | undefined>(ENGINE_SIZES.map((n) => [n, undefined]));
  const m = results.engine;
  if (m) {
    for (const f of m.data) points.set(f.accounts, { ...provenance(m), accounts: f.accounts, totalMs: f.totalMs, totalCpuMs: f.totalCpuMs, peakRssMb: f.peakRssMb });
  } else if (results.kept?.engine) {
    const kept = results.kept.engine;
    for (const f of keptEngineFigures(kept.markdown)) points.set(f.accounts, { ...f, measuredAt: kept.measuredAt, fromKeptText: true });
  }
  return new Map([...points.entries()].sort(([a], [b]) => a - b));
}

// `npm run bench -- --check`: every figure's CPU per item, by section, so a fresh run can be
// compared with the committed one (compare-cpu.ts). Pure: reads the figures, measures nothing.
// Sections without a CPU figure (the review queue's server times, the case runs' wall times) give none.

import type { BenchResults, SectionId } from '../results';

export interface CpuFigure {
  section: SectionId;
  /** Stable across runs: what was measured, e.g. "engine 100,000 accounts, whole pass". */
  name: string;
  /** What one item is: "lookup", "account", "row", "start", ... */
  item: string;
  cpuMsPerItem: number;
}

export function cpuFigures(r: BenchResults): CpuFigure[] {
  const out: CpuFigure[] = [];
  const add = (section: SectionId, name: string, item: string, cpuMs: number | undefined, items: number): void => {
    if (cpuMs !== undefined && Number.isFinite(cpuMs) && items > 0) out.push({ section, name, item, cpuMsPerItem: cpuMs / items });
  };
  // Each figure's own count: the contenders that render every page make fewer lookups (figures kept before had none).
  for (const f of r.registry?.data.figures ?? []) add('registry', `registry ${f.contender}`, 'lookup', f.treeCpuMs, f.lookups ?? r.registry!.data.lookups);
  for (const f of r.engine?.data ?? []) {
    add('engine', `engine ${f.accounts} accounts, rules`, 'account', f.rulesCpuMs, f.accounts);
    add('engine', `engine ${f.accounts} accounts, whole pass`, 'account', f.totalCpuMs, f.accounts);
  }
  for (const id of ['report-small', 'report-medium', 'report-large'] as const) {
    const d = r[id]?.data;
    if (d) add(id, `daily report ${d.scale}, worker tree`, 'record', d.treeCpuMs, d.extraction.reduce((n, x) => n + (x.count ?? 0), 0));
  }
  for (const f of r.excel?.data ?? []) add('excel', `excel ${f.writer}`, 'row', f.cpuMs, f.rows);
  for (const id of ['annual-review-1k', 'annual-review-10k'] as const) {
    const a = r[id]?.data;
    if (a) add(id, `annual review ${a.accounts} accounts, worker tree`, 'account', a.treeCpuMs, a.accounts);
  }
  const c = r.compiled?.data;
  if (c) {
    for (const s of [...c.startup.series, ...c.startup.workers, ...(c.workerStart ? [c.workerStart.series] : [])]) add('compiled', `start: ${s.label}`, 'start', s.cpuMedianMs, 1);
    for (const v of c.fastPaths.variants) add('compiled', `engine built ${v.name}`, 'account', v.totalCpuMs, c.fastPaths.accounts);
  }
  for (const f of r.workers?.data.figures ?? []) add('workers', `${f.workers} worker process(es), concurrency ${f.concurrency}`, 'flow', f.cpuS * 1000, f.flows);
  return out;
}

// The "Workers" section (8) of docs/benchmarks.md, rendered by render-doc.ts from the figures of
// bench-workers.ts (`npm run bench -- --only workers`, kept in docs/benchmarks.json);
// `npx tsx scripts/bench/workers/workers-section.ts [FILE]` prints it from a bench-workers.ts output file.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface FleetFigure {
  workers: number;
  concurrency: number;
  flows: number;
  wallS: number;
  flowsPerHour: number;
  medianFlowS: number;
  peakRssMbPerWorker: number;
  peakPssMbPerWorker: number;
  cpuS: number;
  loadBefore: string;
  loadAfter: string;
}
export interface WorkersBench {
  measuredAt: string;
  cores: number;
  figures: FleetFigure[];
}

/** A failover pause the Sentinel test printed (test/integration/runtime/redis-sentinel-failover.test.ts), and when. */
export interface FailoverPause {
  seconds: number;
  when: string;
}

/** The section's figures as docs/benchmarks.json keeps them: the fleets, and the failover pauses the Sentinel test printed. */
export interface WorkersFigure extends WorkersBench {
  failovers: FailoverPause[];
}

/** The pauses measured so far (commit a20f443 and two re-runs); a new run of the bench carries them over. */
export const KNOWN_FAILOVERS: FailoverPause[] = [
  { seconds: 3.2, when: 'at commit a20f443' },
  { seconds: 4.5, when: 'on a re-run at 18:50 UTC 2026-12-07, load average about 17' },
  { seconds: 3.1, when: 'on a re-run at 19:11 UTC 2026-12-07 (replica promoted after 2.3 s)' },
];

export function workersSection(b: WorkersBench, failovers: FailoverPause[]): string {
  const rows = b.figures.map((f) => `| ${f.workers} | ${f.concurrency} | ${f.flows} | ${f.wallS.toFixed(0)} | **${f.flowsPerHour.toFixed(0)}** | ${f.medianFlowS.toFixed(0)} | ${f.cpuS.toFixed(0)} | ${f.peakPssMbPerWorker.toFixed(0)} | ${f.peakRssMbPerWorker.toFixed(0)} | ${f.loadBefore} → ${f.loadAfter} |`);
  return [
    '## 8. Several workers, and the Sentinel failover pause',
    '',
    `Measured ${b.measuredAt.replace('T', ' ').slice(0, 16)} UTC on ${b.cores} cores, by \`npm run bench -- --only workers\` (scripts/bench/workers/bench-workers.ts).`,
    '',
    'Daily-report flows (small fixture world, no history extraction) triggered all at once for consecutive business days and timed until the last one was delivered; ' +
      'N `opsbot worker` processes, each with its own var dir and temp space, sharing one Redis, one PostgreSQL and one run store (as on N hosts). ' +
      'Memory is per worker process with its Chromium (PSS: the real footprint; RSS counts shared pages once per process).',
    '',
    '| worker processes | concurrency each | flows | wall s | flows / hour | median time to delivery s | CPU s (all workers) | peak PSS MB / worker | peak RSS MB / worker | load average (1/5/15) before → after |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    "**What limits them: the CPU.** A flow is Chromium rendering portal pages and the PDF plus exceljs writing the workbook; on 2 cores one worker at concurrency 2 " +
      'already keeps both busy, so more worker processes on the same machine add process and browser overhead (more CPU seconds for the same flows) and no throughput. ' +
      'The machine was shared with other work, whose load rose during the run (the load averages), so the wall times of later rows are pessimistic; ' +
      'the CPU seconds spent on the same flows are the fairer comparison and grow with each added process and its browser. ' +
      'Throughput grows with hosts, not with processes per host (docs/deployment.md, Sizing).',
    '',
    `**Failover pause: ${failovers.map((f) => `${f.seconds.toFixed(1)} s`).join(', ')}** from the Redis primary's SIGKILL to the next completed job, with Sentinel's ` +
      `\`down-after-milliseconds\` 1000 (${failovers.map((f) => `${f.seconds.toFixed(1)} s ${f.when}`).join('; ')}), as printed by ` +
      'test/integration/runtime/redis-sentinel-failover.test.ts, which checks that the run then completes exactly once. Sentinel promotes the replica in about 2.5 s; ' +
      'the rest is the clients reconnecting and the interrupted job being taken again.',
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { positionals } = parseArgs({ allowPositionals: true });
  const bench = JSON.parse(readFileSync(positionals[0] ?? 'var/bench/workers.json', 'utf8')) as WorkersBench;
  console.log(workersSection(bench, KNOWN_FAILOVERS));
}

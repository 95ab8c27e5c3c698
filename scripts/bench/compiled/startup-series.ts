// One row of the compiled section's start-up table (bench-compiled.ts, worker-start.ts).

/** Median and fastest of `runs` runs of one command. CPU is user + system of the process. */
export interface StartupSeries {
  label: string;
  runs: number;
  wallMedianMs: number;
  wallMinMs: number;
  cpuMedianMs?: number;
  cpuMinMs?: number;
}

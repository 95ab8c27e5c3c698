// The comparison behind `npm run bench -- --check` (issue 21, item 5): a fresh figure fails when
// its CPU per item is more than `tolerance` (25 %) above the committed one. CPU, not wall time:
// the machine is shared and wall times follow its load.

import type { CpuFigure } from './cpu-figures';

export const CHECK_TOLERANCE = 0.25;

export interface CpuComparison {
  name: string;
  item: string;
  committedMsPerItem: number;
  freshMsPerItem: number;
  /** fresh / committed. */
  ratio: number;
  worse: boolean;
}

export interface CheckOutcome {
  compared: CpuComparison[];
  /** The compared figures more than the tolerance worse. */
  regressions: CpuComparison[];
  /** Fresh figures with no committed counterpart (a new figure, or a section kept as text only). */
  uncompared: CpuFigure[];
}

export function compareCpu(committed: CpuFigure[], fresh: CpuFigure[], tolerance = CHECK_TOLERANCE): CheckOutcome {
  const before = new Map(committed.map((f) => [f.name, f]));
  const compared: CpuComparison[] = [];
  const uncompared: CpuFigure[] = [];
  for (const f of fresh) {
    const c = before.get(f.name);
    if (!c || c.item !== f.item || !(c.cpuMsPerItem > 0)) {
      uncompared.push(f);
      continue;
    }
    const ratio = f.cpuMsPerItem / c.cpuMsPerItem;
    compared.push({ name: f.name, item: f.item, committedMsPerItem: c.cpuMsPerItem, freshMsPerItem: f.cpuMsPerItem, ratio, worse: ratio > 1 + tolerance });
  }
  return { compared, regressions: compared.filter((x) => x.worse), uncompared };
}

const perItem = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toPrecision(3));

/** The change in whole percent; one decimal when whole percent would round onto the tolerance (+25.2 % fails, +25 % would not). */
function change(ratio: number, tolerance: number): string {
  const percent = Math.abs((ratio - 1) * 100);
  const whole = percent.toFixed(0);
  return `${ratio >= 1 ? '+' : '−'}${Number(whole) === tolerance * 100 && percent !== tolerance * 100 ? percent.toFixed(1) : whole} %`;
}

/** One line per compared figure, then the ones that could not be compared. */
export function checkReport(o: CheckOutcome, tolerance = CHECK_TOLERANCE): string[] {
  return [
    ...o.compared.map((x) => `${x.worse ? 'WORSE' : 'ok   '} ${x.name}: ${perItem(x.freshMsPerItem)} ms CPU / ${x.item} (committed ${perItem(x.committedMsPerItem)}, ${change(x.ratio, tolerance)})`),
    ...o.uncompared.map((f) => `new   ${f.name}: ${perItem(f.cpuMsPerItem)} ms CPU / ${f.item} (no committed figure to compare with)`),
  ];
}

import { figureAt, type Figure } from './figures';

/** An earlier run's kpis.json (only `date` and the figures are read). */
export interface HistoricKpis {
  date: string;
  [area: string]: unknown;
}

export interface Comparison {
  value: Figure;
  /** The figure on the previous business day, null when that run is missing or had no value. */
  previous: Figure;
  previousDate: string | null;
  /** Mean over the previous 5 business days that have a value; null when none has. */
  mean5: Figure;
  /** How many of those 5 days had a value (the mean is of these). */
  mean5Days: number;
}

/**
 * The earlier runs to compare with: the 5 latest runs before D, newest first. History holds one
 * run per business day (the caller fills in days it had to recompute), so "previous business day"
 * is the newest entry, not D − 1.
 */
export function previousRuns(history: readonly HistoricKpis[], date: string): HistoricKpis[] {
  const byDate = new Map<string, HistoricKpis>();
  for (const h of history) if (h.date < date) byDate.set(h.date, h);
  return [...byDate.values()].sort((a, b) => b.date.localeCompare(a.date)).slice(0, 5);
}

/** D's figure beside the previous business day and the mean of the previous 5. */
export function compare(key: string, value: Figure, previous: readonly HistoricKpis[]): Comparison {
  const first = previous[0];
  const values = previous.map((h) => figureAt(h, key)).filter((v): v is number => v !== null);
  return {
    value,
    previous: first === undefined ? null : figureAt(first, key),
    previousDate: first?.date ?? null,
    mean5: values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length,
    mean5Days: values.length,
  };
}

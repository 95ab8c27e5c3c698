import type { FigureKey } from '../../jobs/daily-ops-report/figures';

/** How a figure reads: a count, a share (0..1), a duration in seconds, an hour of day, a mean. */
export type FigureFormat = 'count' | 'share' | 'seconds' | 'hour' | 'decimal';

export function formatOf(key: FigureKey): FigureFormat {
  if (key.endsWith('Share') || key === 'errors.rate' || key === 'devices.availability') return 'share';
  if (key.endsWith('Seconds')) return 'seconds';
  if (key === 'queue.peakHour') return 'hour';
  if (key === 'tellers.avgTransactionsPerTeller') return 'decimal';
  return 'count';
}

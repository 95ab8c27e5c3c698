import type { FigureFormat } from '../../templates/daily-ops-report/view-model';
import type { FigureKey } from './figures';

/**
 * What kind of number each figure is (the spec: shares are 0..1, times are seconds): the report
 * writes it accordingly (a percentage, a duration, an hour range, a mean, a count).
 */
export function figureFormat(key: FigureKey): FigureFormat {
  if (key.endsWith('Share') || key === 'errors.rate' || key === 'devices.availability') return 'share';
  if (key.endsWith('Seconds')) return 'seconds';
  if (key === 'queue.peakHour') return 'hour';
  if (key === 'tellers.avgTransactionsPerTeller') return 'decimal';
  return 'count';
}

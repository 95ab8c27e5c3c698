import { defineJob } from '../define-job';
import { buildDailyReportStep } from './build-step';
import { SOURCE_BOTS } from './read-sources';
import { COMPUTE_HISTORY_OPTION, computeMissingHistory, daysToCompute, historyDaysOf, historySources } from './history';

/**
 * 运营日报: the daily operations report for data date D (the previous business day).
 * One extraction per source system (queue `bots`), then the figures, Excel, PDF and kpis.json.
 * Earlier business days that no run covers are extracted too (in `history/<day>/`), so the
 * comparison with the previous day and the 5-day mean has figures from the first run on.
 */
export default defineJob({
  id: 'daily-ops-report',
  title: '运营日报',
  async prepare({ date, previousRuns }) {
    if (!computeMissingHistory()) return;
    return { options: { [COMPUTE_HISTORY_OPTION]: await daysToCompute(previousRuns, date) } };
  },
  sources: ({ date, options }) => [
    ...Object.values(SOURCE_BOTS).map((botId) => ({ botId, input: { date } })),
    ...historySources(historyDaysOf(options)),
  ],
  build: (ctx) => buildDailyReportStep(ctx),
});

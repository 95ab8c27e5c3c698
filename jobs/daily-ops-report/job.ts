import { defineJob } from '../define-job';
import { buildDailyReportStep } from './build-step';
import { daysToCompute } from './history';
import { COMPUTE_HISTORY_OPTION, historyDaysOf, historySources } from './history-days';
import { SOURCE_BOTS } from './source-bots';

const HOUR = 3_600_000;

/**
 * 运营日报: the daily operations report for data date D (the previous business day).
 * One extraction per source system (queue `bots`), then the figures, Excel, PDF and kpis.json.
 * Earlier business days that no run covers are extracted too (in `history/<day>/`), so the
 * comparison with the previous day and the 5-day mean has figures from the first run on.
 */
export default defineJob({
  id: 'daily-ops-report',
  title: '运营日报',
  // 07:30 on each business day, for the business day before; a fire found up to 6 h late still runs.
  schedule: { cron: '30 7 * * *', tz: 'Asia/Shanghai', businessDaysOnly: true, dataDate: 'previous-business-day', catchUpMs: 6 * HOUR },
  async prepare({ date, previousRuns, config }) {
    // OPSBOT_COMPUTE_MISSING_HISTORY=false: days no run covers show "—" instead of being extracted.
    if (!config.computeMissingHistory) return;
    return { options: { [COMPUTE_HISTORY_OPTION]: await daysToCompute(previousRuns, date) } };
  },
  sources: ({ date, options }) => [
    ...Object.values(SOURCE_BOTS).map((botId) => ({ botId, input: { date } })),
    ...historySources(historyDaysOf(options)),
  ],
  build: (ctx) => buildDailyReportStep(ctx),
});

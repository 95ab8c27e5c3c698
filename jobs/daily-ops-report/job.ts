import { defineJob } from '../define-job';
import { buildDailyReportStep, SOURCE_BOTS } from './build-step';

/**
 * 运营日报: the daily operations report for data date D (the previous business day).
 * One extraction per source system (queue `bots`), then the figures, Excel, PDF and kpis.json.
 */
export default defineJob({
  id: 'daily-ops-report',
  title: '运营日报',
  sources: ({ date }) => Object.values(SOURCE_BOTS).map((botId) => ({ botId, input: { date } })),
  build: (ctx) => buildDailyReportStep(ctx),
});

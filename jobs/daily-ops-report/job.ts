import { defineJob } from '../define-job';
import { buildThinReport } from './thin-build';

/**
 * 运营日报: the daily operations report for data date D (the previous business day).
 * Sources: one extraction per bot; build: figures, Excel, PDF, kpis.json.
 */
export default defineJob({
  id: 'daily-ops-report',
  title: '运营日报',
  sources: ({ date }) => [{ botId: 'core-banking.transactions', input: { date } }],
  build: (ctx) => buildThinReport(ctx),
});

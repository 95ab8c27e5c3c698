// The daily report's view as the build makes it: the job's model (comparisons, statuses from the
// shipped thresholds, the shipped layout), then the template's words.
import type { HistoricKpis } from '../../../../jobs/daily-ops-report/comparison';
import type { DailyFigures } from '../../../../jobs/daily-ops-report/compute-kpis';
import { readThresholds } from '../../../../jobs/daily-ops-report/read-thresholds';
import { buildReportModel } from '../../../../jobs/daily-ops-report/report-model';
import { loadReportConfig, type Locale } from '../../../../templates/daily-ops-report/report-config';
import { reportView, type ReportView } from '../../../../templates/daily-ops-report/report-view';

/** The report view of `figures` as generated at 07:00 on D, revision 1 unless said. */
export function dailyViewOf(figures: DailyFigures, options: { history?: readonly HistoricKpis[]; locale?: Locale; revision?: number } = {}): ReportView {
  const config = loadReportConfig(options.locale ?? 'zh-CN');
  const model = buildReportModel({
    figures,
    history: options.history ?? [],
    thresholds: readThresholds(),
    layout: config.layout,
    revision: options.revision ?? 1,
    generatedAt: `${figures.date} 07:00:00`,
  });
  return reportView(model, config);
}

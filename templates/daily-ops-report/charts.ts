import { CHART_FONT, svgChart } from '../render/charts/svg-chart';
import { branchName, text, type ReportConfig } from './report-config';
import type { ChartData } from './view-model';

export interface ChartSvgs {
  transactionsByHour: string | null;
  waitByHour: string | null;
  branchComparison: string | null;
}

const WIDTH = 700;
const HEIGHT = 250;
// Banking hours and a little either side; the night hours are almost empty and waste width.
const FIRST_HOUR = 7;
const LAST_HOUR = 20;

function hours(): number[] {
  return Array.from({ length: LAST_HOUR - FIRST_HOUR + 1 }, (_, i) => FIRST_HOUR + i);
}

function base(config: ReportConfig) {
  const t = config.theme;
  return {
    color: t.chart,
    grid: { left: 56, right: 56, top: 50, bottom: 30 },
    legend: { top: 0, right: 8, icon: 'roundRect', itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11, color: t.ink, fontFamily: CHART_FONT } },
    textStyle: { fontFamily: CHART_FONT, color: t.ink },
  };
}

function axisStyle(config: ReportConfig) {
  return {
    axisLine: { lineStyle: { color: config.theme.rule } },
    axisLabel: { color: config.theme.muted, fontSize: 10 },
    splitLine: { lineStyle: { color: '#EEF0F3' } },
  };
}

/** Seconds as minutes to one decimal, as the wait axis reads. */
function minutes(seconds: number | null | undefined): number | null {
  return seconds === null || seconds === undefined ? null : Math.round((seconds / 60) * 10) / 10;
}

/** The report's three charts as inline SVG; null where the source is missing. */
export function dailyCharts(charts: ChartData, branchIds: readonly string[], config: ReportConfig): ChartSvgs {
  const c = (key: string): string => text(config, 'charts', key);
  const hourLabels = hours().map((h) => `${h}${c('hour')}`);
  const axis = axisStyle(config);

  const tx = charts.transactionsByHour;
  const transactionsByHour =
    tx === null
      ? null
      : svgChart(
          {
            ...base(config),
            xAxis: { type: 'category', data: hourLabels, ...axis },
            yAxis: { type: 'value', ...axis },
            series: (['counter', 'selfService', 'online'] as const).map((g) => ({
              name: c(g),
              type: 'bar',
              stack: 'tx',
              barWidth: '60%',
              data: hours().map((h) => tx[g][h] ?? 0),
            })),
          },
          WIDTH,
          HEIGHT,
        );

  const tickets = charts.ticketsByHour;
  const waits = charts.avgWaitByHour;
  const waitByHour =
    tickets === null || waits === null
      ? null
      : svgChart(
          {
            ...base(config),
            xAxis: { type: 'category', data: hourLabels, ...axis },
            yAxis: [
              { type: 'value', name: c('tickets'), nameTextStyle: { fontSize: 10, color: config.theme.muted }, ...axis },
              { type: 'value', name: c('avgWaitMinutes'), nameTextStyle: { fontSize: 10, color: config.theme.muted }, ...axis, splitLine: { show: false } },
            ],
            series: [
              { name: c('tickets'), type: 'bar', barWidth: '55%', data: hours().map((h) => tickets[h] ?? 0), itemStyle: { color: config.theme.chart[1] } },
              {
                name: c('avgWaitMinutes'),
                type: 'line',
                yAxisIndex: 1,
                symbolSize: 5,
                connectNulls: false,
                data: hours().map((h) => minutes(waits[h])),
                itemStyle: { color: config.theme.chart[0] },
              },
            ],
          },
          WIDTH,
          HEIGHT,
        );

  const transactions = charts.branchTransactions;
  const waitSeconds = charts.branchAvgWaitSeconds;
  const branchComparison =
    branchIds.length === 0 || (transactions === null && waitSeconds === null)
      ? null
      : svgChart(
          {
            ...base(config),
            xAxis: { type: 'category', data: branchIds.map((b) => branchName(config, b)), ...axis, axisLabel: { ...axis.axisLabel, interval: 0, rotate: branchIds.length > 6 ? 30 : 0 } },
            yAxis: [
              { type: 'value', name: c('transactions'), nameTextStyle: { fontSize: 10, color: config.theme.muted }, ...axis },
              {
                type: 'value',
                name: waitSeconds === null ? '' : c('avgWaitMinutes'),
                nameTextStyle: { fontSize: 10, color: config.theme.muted },
                ...axis,
                splitLine: { show: false },
              },
            ],
            series: [
              ...(transactions === null
                ? []
                : [{ name: c('transactions'), type: 'bar', barWidth: '50%', data: branchIds.map((b) => transactions[b] ?? null), itemStyle: { color: config.theme.chart[0] } }]),
              ...(waitSeconds === null
                ? []
                : [
                    {
                      name: c('avgWaitMinutes'),
                      type: 'line',
                      yAxisIndex: 1,
                      symbolSize: 6,
                      data: branchIds.map((b) => minutes(waitSeconds[b])),
                      itemStyle: { color: config.theme.chart[2] },
                    },
                  ]),
            ],
          },
          WIDTH,
          HEIGHT,
        );
  return { transactionsByHour, waitByHour, branchComparison };
}

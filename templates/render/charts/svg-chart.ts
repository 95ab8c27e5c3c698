import * as echarts from 'echarts';

/** The font charts draw with; the PDF prints with the same face. */
export const CHART_FONT = '"WenQuanYi Micro Hei", sans-serif';

/**
 * Renders an ECharts option to an SVG string on the server (no DOM, no canvas), with animation
 * off so the first frame is the final one.
 *
 * @example svgChart({ xAxis: {...}, series: [...] }, 640, 260)
 */
export function svgChart(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

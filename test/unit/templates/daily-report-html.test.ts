// The daily PDF's HTML (no browser): exception tables headed by what their columns hold, numbers
// under right-aligned headers, ids that never break in the middle, branches by name.
import { parse, type HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DailyFigures } from '../../../jobs/daily-ops-report/compute-kpis';
import { dailyCharts } from '../../../templates/daily-ops-report/charts';
import { dailyReportHtml } from '../../../templates/daily-ops-report/report-html';
import type { ReportView } from '../../../templates/daily-ops-report/report-view';
import { worldView } from './support/daily-workbooks';

let doc: HTMLElement;
let view: ReportView;
let figures: DailyFigures;

beforeAll(async () => {
  ({ view, figures } = await worldView());
  doc = parse(dailyReportHtml(view, dailyCharts(view.charts, view.branchIds, view.config)));
});

/** The table of the exception list titled `title`. */
function listTable(title: string): HTMLElement {
  const section = doc.querySelectorAll('section.list').find((s) => s.querySelector('h3 span')?.text === title);
  const table = section?.querySelector('table');
  if (table === undefined || table === null) throw new Error(`no table under "${title}"`);
  return table;
}
const headersOf = (table: HTMLElement): string[] => table.querySelectorAll('thead th').map((th) => th.text);

describe('daily report PDF html', () => {
  it('heads each exception column with what it holds', () => {
    expect(headersOf(listTable('大额交易 (待报告)'))).toContain('大额报告标准');
    expect(headersOf(listTable('逾期未处理的反洗钱预警'))).toContain('预警规则');
    expect(headersOf(listTable('故障设备'))).toEqual(expect.arrayContaining(['设备类型', '故障描述', '巡检时间']));
    for (const title of ['大额交易 (待报告)', '逾期未处理的反洗钱预警', '故障设备']) expect(headersOf(listTable(title)), title).not.toContain('超时规则');
    expect(headersOf(listTable('故障设备'))).not.toContain('交易类型');
    const device = listTable('故障设备').querySelector('tbody tr');
    const reason = device?.querySelectorAll('td')[headersOf(listTable('故障设备')).indexOf('故障描述')]?.text;
    expect(reason).toBe(figures.exceptions.faultyDevices[0]?.faultReason);
  });

  it('right-aligns every header that stands over numbers, in every table', () => {
    let checked = 0;
    for (const table of doc.querySelectorAll('table')) {
      const headers = table.querySelectorAll('thead th');
      for (const row of table.querySelectorAll('tbody tr')) {
        row.querySelectorAll('td').forEach((td, i) => {
          if (!td.classList.contains('num')) return;
          checked++;
          expect(headers[i]?.classList.contains('num'), `"${headers[i]?.text}" over ${td.text}`).toBe(true);
        });
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('keeps every transaction number of a list whole: lines break between ids only', () => {
    const table = listTable('需关注柜员 (冲正 ≥ 5 笔或有超限授权)');
    const ids = table.querySelectorAll('td.ids span.nb');
    expect(ids.length).toBeGreaterThan(0);
    for (const span of ids) expect(span.text).toMatch(/^T\d{15},?$/);
  });

  it('names branches by name in the branch table and the lists, and shows a mean peak hour as a clock time', () => {
    const text = doc.text;
    for (const name of ['城东支行', '城西支行', '高新区支行']) expect(text).toContain(name);
    for (const td of doc.querySelectorAll('td')) expect(td.text.trim(), 'a branch code shown').not.toMatch(/^B\d{3}$/);
    const peak = doc.querySelectorAll('tr').find((tr) => tr.querySelector('td')?.text === '取号高峰时段');
    expect(peak?.querySelectorAll('td').map((td) => td.text.trim()).slice(2, 4)).toEqual(['11:00–12:00', '10:24']);
    expect(text).not.toMatch(/\d+\.\d+:00/);
  });
});

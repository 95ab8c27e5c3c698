// The daily report's model: the job decides every comparison and status the template shows, and
// kpis.json carries the headline ones too.
import { beforeAll, describe, expect, it } from 'vitest';
import { computeDailyFigures, type DailyFigures } from '../../../jobs/daily-ops-report/compute-kpis';
import { headlineKpis, kpisDocument } from '../../../jobs/daily-ops-report/kpis-document';
import { readThresholds } from '../../../jobs/daily-ops-report/read-thresholds';
import { buildReportModel, type ReportModelInput } from '../../../jobs/daily-ops-report/report-model';
import { loadReportConfig } from '../../../templates/daily-ops-report/report-config';
import type { FigureFacts } from '../../../templates/daily-ops-report/view-model';
import { generateRecords } from './helpers/generate-records';
import { sourcesOf } from './helpers/sources';

const DATE = '2025-03-03';
const layout = loadReportConfig('zh-CN').layout;
let figures: DailyFigures;

beforeAll(async () => {
  const sources = sourcesOf(generateRecords({ seed: 11, date: DATE }));
  sources.queueTickets = { missing: '排队叫号系统登录失败' };
  figures = await computeDailyFigures({ date: DATE, sources });
});

const input = (over: Partial<ReportModelInput> = {}): ReportModelInput => ({
  figures,
  history: [],
  thresholds: readThresholds(),
  layout,
  revision: 1,
  generatedAt: `${DATE} 07:00:00`,
  ...over,
});
const byKey = (list: readonly FigureFacts[], key: string): FigureFacts => {
  const found = list.find((f) => f.key === key);
  if (!found) throw new Error(`no figure ${key}`);
  return found;
};

describe('buildReportModel', () => {
  it('shows the layout\'s figures in its order, each with its format', () => {
    const model = buildReportModel(input());
    expect(model.headline.map((f) => f.key)).toEqual(layout.headline);
    expect(model.sections.map((s) => s.figures.map((f) => f.key))).toEqual(layout.sections.map((s) => s.figures));
    expect(model.lists.map((l) => l.id)).toEqual(layout.exceptionLists);
    expect(byKey(model.headline, 'errors.rate').format).toBe('share');
    expect(byKey(model.headline, 'queue.avgWaitSeconds').format).toBe('seconds');
    expect(byKey(model.headline, 'transactions.total').format).toBe('count');
  });

  it('compares with the previous business day and the mean of the previous 5 that have a value', () => {
    const history = [
      { date: '2025-02-28', transactions: { total: 500 } },
      { date: '2025-02-27', transactions: { total: 300 } },
      { date: '2025-02-26' },
      { date: '2025-03-03', transactions: { total: 1 } }, // D itself is no history
    ];
    const total = byKey(buildReportModel(input({ history })).headline, 'transactions.total');
    expect(total.comparison).toEqual({ value: figures.figures.transactions.total, previous: 500, previousDate: '2025-02-28', mean5: 400, mean5Days: 2 });
  });

  it('decides statuses from the thresholds: 数据缺失 for a missing source, none without a threshold', () => {
    const thresholds = { 'transactions.total': { red: '>= 1' }, 'complaints.total': { amber: '>= 0', red: '< 0' } } as const;
    const model = buildReportModel(input({ thresholds }));
    expect(byKey(model.headline, 'transactions.total').status).toBe('alert');
    expect(byKey(model.sections.flatMap((s) => s.figures), 'complaints.total').status).toBe('watch');
    const wait = byKey(model.headline, 'queue.avgWaitSeconds');
    expect(wait).toMatchObject({ missing: true, status: 'missing' });
    expect(byKey(model.headline, 'aml.overdueAlerts').status).toBe('none');
    // 预警 before 关注, each figure once although it is on the first page and in its area.
    expect(model.attention.map((f) => [f.key, f.status])).toEqual([
      ['transactions.total', 'alert'],
      ['complaints.total', 'watch'],
    ]);
  });

  it('gives no status to a figure without a value on D when its source is there', () => {
    const thresholds = { 'devices.availability': { amber: '< 0.98' } } as const;
    const empty = { ...figures, figures: { ...figures.figures, devices: { ...figures.figures.devices, availability: null } } };
    const model = buildReportModel(input({ figures: empty, thresholds }));
    expect(byKey(model.headline, 'devices.availability')).toMatchObject({ missing: false, status: 'none' });
  });

  it('gives each figure per branch, a list of a missing source as missing, and the chart series', () => {
    const model = buildReportModel(input());
    expect(model.branchIds).toEqual(Object.keys(figures.byBranch));
    const total = byKey(model.branchFigures, 'transactions.total');
    for (const id of model.branchIds) expect(total.byBranch[id]).toBe(figures.byBranch[id]?.transactions.total);
    expect(model.charts.branchTransactions).toEqual(total.byBranch);
    expect(model.charts.branchAvgWaitSeconds).toBeNull(); // the queue system is missing
    expect(model.charts.ticketsByHour).toBeNull();
    expect(model.lists.every((l) => l.missing === false)).toBe(true);
    expect(model.missingSources).toEqual([{ source: 'queueTickets', reason: '排队叫号系统登录失败' }]);
  });

  it('fails naming layout.json when the layout names a figure the spec does not have', () => {
    expect(() => buildReportModel(input({ layout: { ...layout, headline: ['transactions.totl'] } }))).toThrow('layout.json: unknown figure "transactions.totl"');
  });
});

describe('kpis.json headline', () => {
  it('adds each headline figure\'s status and comparison, and changes no other key', () => {
    const model = buildReportModel(input({ history: [{ date: '2025-02-28', errors: { rate: 0.001 } }] }));
    const before = kpisDocument(figures, 1, `${DATE} 07:00:00`);
    const after = kpisDocument(figures, 1, `${DATE} 07:00:00`, headlineKpis(model.headline));
    const { headline, ...rest } = after;
    expect(rest).toEqual(before);
    expect(Object.keys(after)).toEqual([...Object.keys(before), 'headline']);
    const h = headline as Record<string, Record<string, unknown>>;
    expect(Object.keys(h)).toEqual(layout.headline);
    expect(h['errors.rate']).toEqual({
      value: figures.figures.errors.rate,
      status: byKey(model.headline, 'errors.rate').status,
      previous: 0.001,
      previousDate: '2025-02-28',
      mean5: 0.001,
      mean5Days: 1,
    });
    expect(h['queue.avgWaitSeconds']).toMatchObject({ value: null, status: 'missing' });
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDailyReport, type BuildDailyReportResult } from '../../../jobs/daily-ops-report/build-daily-report';
import { generateRecords } from '../../unit/daily-ops-report/helpers/generate-records';
import { sourcesOf } from '../../unit/daily-ops-report/helpers/sources';
import { worldView } from '../../unit/templates/support/daily-workbooks';
import { dailyCharts } from '../../../templates/daily-ops-report/charts';
import { dailyReportHtml } from '../../../templates/daily-ops-report/report-html';
import { atRightEdge } from './support/print-layout';

const run = promisify(execFile);
const DATE = '2025-03-03';
let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  dir = await mkdtemp(path.join(os.tmpdir(), 'daily-pdf-'));
});

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

async function build(locale: 'zh-CN' | 'en', missingQueue: boolean): Promise<BuildDailyReportResult> {
  const set = generateRecords({ seed: 5, date: DATE });
  set.complaints.push({
    id: 'CP-XSS',
    branchId: 'B002',
    level: 3,
    customerName: '<b>王五</b>',
    customerPhone: null,
    summary: 'x',
    receivedAt: `${DATE} 11:00:00`,
    firstContactAt: null,
    supervisorAt: null,
    closedAt: null,
  });
  const sources = sourcesOf(set);
  if (missingQueue) sources.queueTickets = { missing: '排队叫号系统登录失败 (PortalError: HTTP 503)' };
  return buildDailyReport({
    date: DATE,
    revision: 2,
    sources,
    history: [{ date: '2025-02-28', transactions: { total: 123456 } }],
    outDir: path.join(dir, locale),
    locale,
    browser,
    now: new Date('2025-03-03T23:30:00Z'),
  });
}

async function pdftotext(file: string, page?: number): Promise<string> {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return (await run('pdftotext', [...range, '-layout', file, '-'])).stdout;
}

describe('daily-ops-report PDF', () => {
  it('is a Chinese report with page x / y, metadata, attachments and a red banner for a missing source', async () => {
    const result = await build('zh-CN', true);
    expect(result.status).toBe('partial');
    expect(result.missingSources.map((m) => m.source)).toEqual(['queueTickets']);
    const kpis = JSON.parse(await readFile(result.files.kpis, 'utf8'));
    expect(kpis.queue.tickets).toBeNull();
    expect(kpis.missing.figures).toContain('queue.p90WaitSeconds');
    expect(kpis.transactions.total).toBe(result.figures.figures.transactions.total);

    const info = (await run('pdfinfo', [result.files.pdf])).stdout;
    expect(info).toMatch(/Title:\s+运营日报 2025-03-03/);
    expect(info).toMatch(/Author:\s+opsbot/);
    expect(info).toMatch(/Subject:\s+2025-03-03 运营日报/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(5);

    // pdftotext may drop the spaces pdf-lib drew between the CJK glyphs; compare without them.
    for (let p = 1; p <= pages; p++) {
      expect((await pdftotext(result.files.pdf, p)).replace(/\s+/g, '')).toContain(`第${p}页/共${pages}页`);
    }
    const first = await pdftotext(result.files.pdf, 1);
    expect(first).toContain('运营日报');
    expect(first).toContain('数据缺失: 排队叫号系统');
    expect(first).toContain('第 2 版');
    expect(first).toContain('123,456'); // previous business day beside today's figure
    // The summary is 4 pages; the exception lists start on page 5.
    expect(await pdftotext(result.files.pdf, 5)).toContain('待处理异常清单');
    const all = await pdftotext(result.files.pdf);
    expect(all).toContain('<b>王五</b>'); // escaped: printed as text, not markup

    const fonts = (await run('pdffonts', [result.files.pdf])).stdout;
    expect(fonts).toContain('WenQuanYiMicroHei');
    expect(fonts).not.toContain('Type 3');
    const attached = (await run('pdfdetach', ['-list', result.files.pdf])).stdout;
    expect(attached).toContain(`daily-ops-report-${DATE}.xlsx`);
    expect(attached).toContain('kpis.json');
  });

  it('keeps every card and table inside the printed area, branch names included', async () => {
    const { view } = await worldView();
    const html = dailyReportHtml(view, dailyCharts(view.charts, view.branchIds, view.config));
    expect(await atRightEdge(browser, html, '.card, .attention, .chart, table, .banner')).toEqual([]);
  });

  it('renders in English with --locale en', async () => {
    const result = await build('en', false);
    expect(result.status).toBe('ok');
    const first = await pdftotext(result.files.pdf, 1);
    expect(first).toContain('Daily Operations Report');
    expect(first).toMatch(/Page 1 of \d+/);
    expect(first).not.toContain('Data missing');
  });
});

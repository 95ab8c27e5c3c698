import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../bots/sdk';
import { buildDailyReport } from '../../jobs/daily-ops-report/build-daily-report';
import { generateRecords } from '../unit/daily-ops-report/helpers/generate-records';
import { sourcesOf } from '../unit/daily-ops-report/helpers/sources';

const run = promisify(execFile);
const DATE = '2025-03-03';
// Scraped text that would act if the PDF template pasted it in as markup: a script and an event
// handler that both write PWNED, and a tag that would swallow the rest of the row.
const SCRIPT = '<script>document.write("PWNED")</script>';
const HANDLER = '<img src=x onerror="document.body.innerHTML=\'PWNED\'">';
const COMMENT = '<!-- 张三';
let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-html-pdf-'));
});
afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('HTML in scraped text is printed, never run, in the daily PDF', () => {
  it('a complaint whose customer name and summary hold <script>, an onerror handler and <!-- shows them as text', async () => {
    const set = generateRecords({ seed: 5, date: DATE });
    [SCRIPT, HANDLER, COMMENT].forEach((text, i) => set.complaints.push({
      id: `CP-H${i}`, branchId: 'B002', level: 3, customerName: text, customerPhone: null, summary: text,
      receivedAt: `${DATE} 11:0${i}:00`, firstContactAt: null, supervisorAt: null, closedAt: null,
    }));
    const result = await buildDailyReport({ date: DATE, revision: 1, sources: sourcesOf(set), history: [], outDir: dir, locale: 'zh-CN', browser, now: new Date('2025-03-03T23:30:00Z') });
    const text = (await run('pdftotext', ['-raw', result.files.pdf, '-'], { maxBuffer: 32 << 20 })).stdout;
    // Table cells wrap long text: compare without whitespace.
    const flat = text.replace(/\s+/g, '');
    for (const payload of [SCRIPT, HANDLER, COMMENT]) expect(flat).toContain(payload.replace(/\s+/g, ''));
    expect(flat).toContain('CP-H2'); // the row after the comment is still there
    // Run, the script would have printed PWNED on its own; the handler would have replaced the page.
    expect(text.split('\n').some((l) => l.trim() === 'PWNED')).toBe(false);
    expect(text).toContain('运营日报'); // the page was not replaced by innerHTML
  }, 120_000);
});

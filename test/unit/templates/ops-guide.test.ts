// The ops guide names sheets and figures as the reports show them: a reader looking for "sheet
// 分网点" or "凭证缺失" must find it. Checked against a written daily workbook and the strings.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SHEETS } from '../../../templates/annual-review-check/strings';
import { loadReportConfig } from '../../../templates/daily-ops-report/report-config';
import { writeWorldWorkbook } from './support/daily-workbooks';

const guide = readFileSync(path.join(import.meta.dirname, '../../../docs/ops-guide.md'), 'utf8');

describe('docs/ops-guide.md', () => {
  it('names only sheets the workbooks have', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'guide-'));
    try {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile((await writeWorldWorkbook(dir)).file);
      const sheets = new Set([...wb.worksheets.map((s) => s.name), ...Object.values(SHEETS)]);
      const named = [...guide.matchAll(/sheets?\s+\**([\u4e00-\u9fa5]+)/g)].map((m) => m[1]);
      expect(named).toContain('分网点');
      for (const name of named) expect(sheets.has(name as string), `sheet ${name}`).toBe(true);
      // The annual review's list of sheets, in order, without what the parentheses say of each.
      const list = /sheets (汇总[^.]*)\./s.exec(guide)?.[1]?.replace(/\([^)]*\)/g, '');
      expect(list?.split(',').map((s) => s.trim())).toEqual(Object.values(SHEETS));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names every figure as the report labels it', () => {
    const labels = new Set(Object.values(loadReportConfig('zh-CN').strings['figures'] ?? {}));
    const rows = guide.split('\n').filter((l) => /^\| [^|`]+ `[a-z]/.test(l));
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      for (const label of (row.slice(2).split('`')[0] ?? '').split(' / ')) expect(labels.has(label.trim()), `"${label.trim()}" in: ${row.slice(0, 60)}`).toBe(true);
    }
  });
});

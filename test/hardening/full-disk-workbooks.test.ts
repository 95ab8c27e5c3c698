import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeDailyFigures } from '../../jobs/daily-ops-report/compute-kpis';
import { emptyCounts } from '../../jobs/annual-review-check/outputs';
import { reviewTotals } from '../../jobs/annual-review-check/report-model';
import type { WorkbookAccount } from '../../templates/annual-review-check/view-model';
import { writeReviewWorkbook } from '../../templates/annual-review-check/workbook';
import { dailyViewOf } from '../unit/templates/support/daily-view';
import { writeDailyWorkbook } from '../../templates/daily-ops-report/workbook';
import { generateRecords } from '../unit/daily-ops-report/helpers/generate-records';
import { sourcesOf } from '../unit/daily-ops-report/helpers/sources';
import { failureOf, useTinyDisk } from './support/tiny-disk';

/**
 * Both Excel workbooks on a real full disk, a 64 KiB tmpfs. exceljs listens for its output's
 * errors only in commit(): a full disk before that was an unhandled 'error' event, after it a
 * commit that never settled. Each must now fail as a rejected promise naming its file, at once,
 * and leave no temp or half-written file.
 */
const disk = useTinyDisk('64k');

describe('a full disk under each Excel workbook (real 64 KiB tmpfs)', () => {
  it('annual-review workbook: fails naming the file (no hang), no temp file', async (ctx) => {
    disk.needsDisk(ctx);
    const file = path.join(disk.dir, 'annual-review-check-2025-10-31.xlsx');
    const accounts = async function* (): AsyncGenerator<WorkbookAccount> {
      for (let i = 0; i < 20_000; i++) {
        yield { accountNo: String(62_000_000 + i), name: `某某有限公司${i}`, uscc: `91620105${String(i).padStart(10, '0')}`, branch: '城关支行', verdict: 'pass' };
      }
    };
    const counts = { ...emptyCounts(), accounts: 20_000, byVerdict: { pass: 20_000, mismatch: 0, unverifiable: 0 } };
    const branch = { branch: '城关支行', accounts: 20_000, byVerdict: counts.byVerdict, bySeverity: counts.bySeverity };
    const totals = reviewTotals(counts, [branch], []);
    const err = await failureOf(writeReviewWorkbook(file, { reviewDate: '2025-10-31', totals, mismatches: [], accounts, inputErrors: [] }));
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(new RegExp(`^cannot write ${file}: ENOSPC`));
    expect(disk.files()).toEqual([]);
  });

  it('daily report workbook: fails naming the file (no hang), no half workbook left', async (ctx) => {
    disk.needsDisk(ctx);
    const date = '2025-03-03';
    const figures = await computeDailyFigures({ date, sources: sourcesOf(generateRecords({ seed: 11, date })) });
    const view = dailyViewOf(figures);
    writeFileSync(path.join(disk.dir, 'filler'), Buffer.alloc(60 * 1024));
    const file = path.join(disk.dir, `daily-ops-report-${date}.xlsx`);
    const err = await failureOf(writeDailyWorkbook(file, view));
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(new RegExp(`^cannot write ${file}: ENOSPC`));
    expect(disk.files()).toEqual([path.join(disk.dir, 'filler')]);
  });
});

// The annual-review bot reads its portal's .xlsx export itself (bots must not import the job's
// input reader); for the portal's own export it must give exactly what the job's reader gives.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsxExportRows, type ExportRow } from '../../../bots/annual-review/export-rows';
import { parseReviewExport } from '../../../bots/annual-review/parse';
import type { ReviewAccountRecord } from '../../../bots/records';
import { licenceAsDateCell, reviewAccountsOf } from '../../../fixtures/generator/review-accounts';
import { buildWorld } from '../../../fixtures/generator/world';
import { writeReviewXlsx } from '../../../fixtures/portals/annual-review/xlsx-export';
import { openAccountsFile } from '../../../jobs/annual-review-check/input';

const HEADER = ['账号', '存款人名称', '统一社会信用代码', '法定代表人', '开户网点', '账户性质', '注册资本', '注册地址', '经营范围', '营业执照有效期至', '客户经理'];

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function* rowsOf(...rows: string[][]): AsyncGenerator<ExportRow> {
  for (const [i, cells] of rows.entries()) yield { row: i + 1, cells };
}

describe('annual-review export parsing', () => {
  it('reads rows by header text: trimmed, empty optional cells as null, empty rows passed over', async () => {
    const account: ReviewAccountRecord = {
      accountNo: '0021000000000001', name: '公司甲', uscc: '91440306MA3XFDML1N', legalRepresentative: '马艳', branch: null,
      accountType: '基本存款账户', registeredCapital: null, address: null, businessScope: null, licenseExpiry: '2030-01-05', relationshipManager: '张三',
    };
    const texts = ['0021000000000001', '公司甲', '91440306MA3XFDML1N', '马艳', '', '基本存款账户', '', '', '', '2030-01-05', '  张三 '];
    // Columns in another order than the export's: matched by their text.
    const order = [...HEADER.keys()].reverse();
    const accounts = await all(parseReviewExport(rowsOf(order.map((i) => HEADER[i]!), [], ['', ' '], order.map((i) => texts[i]!))));
    expect(accounts).toEqual([account]);
  });

  it('names what changed: an unknown or missing column, an empty 账号, an account listed twice, no header', async () => {
    const good = ['0021', '公司甲', '9144', '马艳', '', '', '', '', '', '', ''];
    await expect(all(parseReviewExport(rowsOf([...HEADER.slice(0, 10), '客户经理姓名'])))).rejects.toThrow('年检账户清单: unknown column "客户经理姓名"');
    await expect(all(parseReviewExport(rowsOf(HEADER.slice(0, 10))))).rejects.toThrow('年检账户清单: missing column "客户经理"');
    await expect(all(parseReviewExport(rowsOf(HEADER, good, ['', ...good.slice(1)])))).rejects.toThrow('row 3, column accountNo: empty');
    await expect(all(parseReviewExport(rowsOf(HEADER, good, good)))).rejects.toThrow('row 3: account 0021 again (first in row 2)');
    await expect(all(parseReviewExport(rowsOf()))).rejects.toThrow('no header row');
  });

  describe('the portal\'s own .xlsx export', () => {
    const accounts = [...reviewAccountsOf(buildWorld(5, 'small'), '2026-10-31')];
    let dir: string;
    let file: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-review-export-'));
      file = path.join(dir, 'export.xlsx');
      const out = createWriteStream(file);
      await writeReviewXlsx(out, accounts, '年检账户清单');
      await finished(out);
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('gives the generated accounts, date cells and text dates alike, exactly as the job\'s input reader does', async () => {
      expect(accounts.some((a) => licenceAsDateCell(a)) && accounts.some((a) => a.licenseExpiry && !licenceAsDateCell(a))).toBe(true);
      const read = await all(parseReviewExport(xlsxExportRows(file)));
      expect(read).toEqual(accounts);
      const job = await all((await openAccountsFile(file)).entries());
      expect(job.map((e) => (e.kind === 'account' ? e.account : e.error))).toEqual(read);
    });
  });
});

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../../bots/sdk/browser';
import type { ReviewAccountRecord } from '../../../bots/records';
import { buildAnnualReviewStep } from '../../../jobs/annual-review-check/build-step';
import { judgeAccount } from '../../../jobs/annual-review-check/rules';
import { buildContext, failedSource, okSource, writeBotSources, writeJsonl, type LookupLine } from '../../unit/annual-review-check/job-run-folder';
import { loadRegistrySample, registrySample } from '../../unit/annual-review-check/support/registry-sample';

const run = promisify(execFile);
const DATE = '2025-10-31';
let browser: Browser;
let root: string;

beforeAll(async () => {
  browser = await launchBrowser();
  root = await mkdtemp(path.join(os.tmpdir(), 'arc-build-'));
});
afterAll(async () => {
  await browser?.close();
  await rm(root, { recursive: true, force: true });
});

/** Sample rows whose bank side matches the registry exactly (the dirty rows are left out). */
const clean = loadRegistrySample().filter((r) => judgeAccount(r.account, { kind: 'found', company: r.company }, DATE).verdict === 'pass');
const row = (i: number) => {
  const found = clean[i];
  if (!found) throw new Error(`registry sample has fewer than ${i + 1} clean rows`);
  return found;
};

/** Eight accounts, one of each kind the build must tell apart. */
function scenario() {
  const [a, b, c, d, e] = [row(0), row(1), row(2), row(3), row(4)];
  const accounts: ReviewAccountRecord[] = [
    { ...a.account, accountNo: 'A1', branch: '城关支行' }, // pass
    { ...b.account, accountNo: 'A2', branch: '西固支行' }, // registry says 注销
    { ...a.account, accountNo: 'A3', uscc: '91620105750906995X' }, // check character wrong
    { ...c.account, accountNo: 'A4' }, // registry: not found
    { ...d.account, accountNo: 'A5' }, // lookup failed
    { ...e.account, accountNo: 'A6' }, // no lookup line at all
    { ...a.account, accountNo: 'A1' }, // duplicate account number
    { ...a.account, accountNo: 'A8', name: '<script>alert(1)</script>有限公司' }, // name differs
  ];
  const lookups: LookupLine[] = [
    { uscc: a.company.uscc, outcome: 'found', company: { ...a.company, evidence: 'evidence/registry.company/a.jpg' } },
    { uscc: b.company.uscc.toLowerCase(), outcome: 'found', company: { ...b.company, status: '注销', evidence: 'evidence/registry.company/b.jpg' } },
    { uscc: c.company.uscc, outcome: 'notFound' },
    { uscc: d.company.uscc, outcome: 'failed', error: 'PortalError: 503 after 3 tries' },
  ];
  return { accounts, lookups, b };
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

interface Results {
  reviewDate: string;
  accounts: { accountNo: string; verdict: string; flags: number }[];
  inputErrors: { row: number; accountNo?: string; error: string }[];
}
interface Mismatch {
  accountNo: string;
  field: string;
  severity: string;
  status: string;
  registryValue: string | null;
}

describe.skipIf(registrySample.skip)(registrySample.title('annual-review-check build step'), () => {
  let runDir: string;
  let result: Awaited<ReturnType<typeof buildAnnualReviewStep>>;

  beforeAll(async () => {
    const { accounts, lookups } = scenario();
    runDir = path.join(root, 'run');
    const previous = path.join(root, 'previous');
    await writeJsonl(path.join(previous, 'x.jsonl'), []);
    await writeFile(path.join(previous, 'mismatches.json'), JSON.stringify([{ accountNo: 'A2', field: 'status' }, { accountNo: 'OLD', field: 'name' }]));
    const sources = await writeBotSources(runDir, accounts, lookups);
    result = await buildAnnualReviewStep(buildContext(runDir, sources, { browser: async () => browser, previous }));
  }, 120_000);

  it('judges every account in input order, with the duplicate as an input error', async () => {
    const results = await readJson<Results>(path.join(runDir, 'results.json'));
    expect(results.reviewDate).toBe(DATE);
    expect(results.accounts.map((a) => [a.accountNo, a.verdict])).toEqual([
      ['A1', 'pass'],
      ['A2', 'mismatch'],
      ['A3', 'mismatch'],
      ['A4', 'mismatch'],
      ['A5', 'unverifiable'],
      ['A6', 'unverifiable'],
      ['A8', 'mismatch'],
    ]);
    expect(results.accounts.find((a) => a.accountNo === 'A5')?.flags).toBe(0);
    expect(results.inputErrors).toHaveLength(1);
    expect(results.inputErrors[0]).toMatchObject({ row: 7, accountNo: 'A1' });
    expect(results.inputErrors[0]?.error).toContain('第 1 条重复');
  });

  it('writes one mismatch per flag, recurring against the previous run', async () => {
    const mismatches = await readJson<Mismatch[]>(path.join(runDir, 'mismatches.json'));
    const key = (m: Mismatch) => `${m.accountNo}/${m.field}/${m.severity}/${m.status}`;
    expect(mismatches.map(key)).toEqual(['A3/uscc/critical/new', 'A4/notFound/critical/new', 'A2/status/critical/recurring', 'A8/name/high/new']);
    expect(mismatches.find((m) => m.accountNo === 'A2')?.registryValue).toBe('注销');
  });

  it('is partial, names what could not be verified, and reports counts and inputs for the manifest', () => {
    expect(result.status).toBe('partial');
    expect(result.outputs).toEqual(['mismatches.json', 'results.json', `annual-review-check-${DATE}.xlsx`, `annual-review-check-${DATE}.pdf`]);
    expect(existsSync(path.join(runDir, '.judged-accounts.tmp.jsonl')), 'temp file of the workbook passes').toBe(false);
    expect(result.errors?.map((e) => e.message).join('\n')).toContain('2 户');
    const details = result.details as { counts: { accounts: number; byVerdict: Record<string, number>; bySeverity: Record<string, number>; inputErrors: number }; inputs: { source: string; sha256: string }[]; evidence: string[] };
    expect(details.counts.accounts).toBe(7);
    expect(details.counts.byVerdict).toEqual({ pass: 1, mismatch: 4, unverifiable: 2 });
    expect(details.counts.bySeverity).toEqual({ critical: 3, high: 1, medium: 0, low: 0 });
    expect(details.counts.inputErrors).toBe(1);
    expect(details.inputs[0]).toMatchObject({ source: 'annual-review.accounts', sha256: 'ab'.repeat(32) });
    // a.jpg is linked for A8 (flagged), not for A1 (passed); the invalid code A3 was never looked up.
    expect(details.evidence.sort()).toEqual(['evidence/registry.company/a.jpg', 'evidence/registry.company/b.jpg']);
  });

  it('links the registry screenshot from the Excel detail row and lists the unverifiable accounts', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(runDir, `annual-review-check-${DATE}.xlsx`));
    const detail = workbook.getWorksheet('不一致明细');
    // The screenshot column by its header: columns added before it (issue #17's dates) move it.
    const screenshot = (detail?.getRow(1).values as ExcelJS.CellValue[]).indexOf('登记页截图');
    expect(screenshot).toBeGreaterThan(0);
    const a2 = detail?.getRows(2, 4)?.find((r) => r.getCell(3).text === 'A2');
    expect(a2?.getCell(screenshot).value).toMatchObject({ hyperlink: 'evidence/registry.company/b.jpg' });
    const a3 = detail?.getRows(2, 4)?.find((r) => r.getCell(3).text === 'A3');
    expect(a3?.getCell(screenshot).text).toBe('无截图');
    const unverifiable = workbook.getWorksheet('无法核验');
    expect(unverifiable?.getColumn(1).values.slice(2)).toEqual(['A5', 'A6']);
    expect(unverifiable?.getRow(2).getCell(5).text).toContain('503');
    expect(unverifiable?.getRow(3).getCell(5).text).toContain('未返回');
  });

  it('renders the PDF with critical items before high ones and the Excel attached', async () => {
    const pdf = path.join(runDir, `annual-review-check-${DATE}.pdf`);
    // Cells wrap, so compare without whitespace.
    const text = (await run('pdftotext', [pdf, '-'])).stdout.replace(/\s+/g, '');
    expect(text.indexOf('企业已注销')).toBeGreaterThan(0);
    expect(text.indexOf('企业已注销')).toBeLessThan(text.indexOf('存款人名称与登记不一致'));
    expect(text).toContain('<script>alert(1)</script>有限公司');
    const attached = (await run('pdfdetach', ['-list', pdf])).stdout;
    expect(attached).toContain(`annual-review-check-${DATE}.xlsx`);
    expect(attached).toContain('mismatches.json');
  });
});

describe.skipIf(registrySample.skip)(registrySample.title('annual-review-check build step when a source failed'), () => {
  it('marks every looked-up account unverifiable when the registry source failed (never pass)', async () => {
    const { accounts } = scenario();
    const runDir = path.join(root, 'registry-down');
    const [accountsStatus] = await writeBotSources(runDir, accounts, []);
    const result = await buildAnnualReviewStep(
      buildContext(runDir, [accountsStatus!, failedSource('registry.company', 'PortalError: registry down')], { browser: async () => browser }),
    );
    const results = await readJson<Results>(path.join(runDir, 'results.json'));
    expect(results.accounts.filter((a) => a.verdict === 'pass')).toEqual([]);
    // Only the invalid code is judged without the registry.
    expect(results.accounts.filter((a) => a.verdict === 'mismatch').map((a) => a.accountNo)).toEqual(['A3']);
    expect(results.accounts.filter((a) => a.verdict === 'unverifiable')).toHaveLength(6);
    expect(result.status).toBe('partial');
    expect(result.errors?.[0]?.message).toContain('registry down');
  }, 60_000);

  it('fails without outputs when there are no accounts to check', async () => {
    const runDir = path.join(root, 'no-accounts');
    const result = await buildAnnualReviewStep(
      buildContext(runDir, [failedSource('annual-review.accounts', 'LayoutError: #accounts'), okSource('registry.company', 0)]),
    );
    expect(result.status).toBe('failed');
    expect(result.outputs).toEqual([]);
    expect(result.errors?.[0]).toMatchObject({ source: 'annual-review.accounts' });
    expect(existsSync(path.join(runDir, 'results.json'))).toBe(false);
  });
});

describe.skipIf(registrySample.skip)(registrySample.title('annual-review-check build step with an --input file'), () => {
  it('reads the staged accounts, reports the file rows that were refused and the file sha256', async () => {
    const { prepareInput } = await import('../../../jobs/annual-review-check/prepare-input');
    const a = row(0);
    const file = path.join(root, 'input.csv');
    await writeFile(
      file,
      ['账号,存款人名称,统一社会信用代码,法定代表人', `"001",${a.account.name},${a.account.uscc},${a.account.legalRepresentative}`, `"002",缺代码公司,,张三`].join('\n'),
    );
    const runDir = path.join(root, 'from-file');
    const prepared = await prepareInput(runDir, file);
    await writeJsonl(path.join(runDir, 'sources/registry.company.jsonl'), [{ uscc: a.company.uscc, outcome: 'found', company: a.company }]);
    const result = await buildAnnualReviewStep(
      buildContext(runDir, [okSource('registry.company', 1)], { browser: async () => browser, options: { input: file } }),
    );
    const results = await readJson<Results>(path.join(runDir, 'results.json'));
    expect(results.accounts).toEqual([{ accountNo: '001', verdict: 'pass', flags: 0 }]);
    expect(results.inputErrors).toHaveLength(1);
    expect(results.inputErrors[0]).toMatchObject({ row: 3, accountNo: '002' });
    expect(result.status).toBe('ok');
    expect((result.details as { inputs: unknown[] }).inputs).toEqual([prepared]);
  }, 60_000);
});

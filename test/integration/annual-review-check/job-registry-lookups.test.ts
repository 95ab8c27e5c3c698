// The registry bot driven the way this job drives it (the job's own source request): codes from
// the accounts file in the run folder, each lookup's page kept byte for byte. Then the build's
// evidence: screenshots rendered from those kept pages, for the companies the job flags only, and
// each flag's `evidence` in mismatches.json (every kept page, its sha256), without a single
// request to the registry.
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryLookupResult, ReviewAccountRecord } from '../../../bots/records';
import registryCompany from '../../../bots/registry/company.bot';
import { launchBrowser } from '../../../bots/sdk';
import { sha256Hex } from '../../../bots/sdk/stored-pages';
import { generatedRegistry, registryCompaniesOf } from '../../../fixtures/generator/registry-companies';
import { buildWorld } from '../../../fixtures/generator/world';
import type { PortalApp } from '../../../fixtures/kit/portal-app';
import { createRegistryPortal } from '../../../fixtures/portals/registry/server';
import { buildAnnualReviewStep } from '../../../jobs/annual-review-check/build-step';
import annualReviewCheck from '../../../jobs/annual-review-check/job';
import { judgeAccount } from '../../../jobs/annual-review-check/rules';
import { runFixtureBot } from '../bots/portal-bot-harness';
import { buildContext, okSource, writeJsonl } from '../../unit/annual-review-check/job-run-folder';

const DATE = '2025-10-31';
const world = buildWorld(7, 'small');
const companies = [...registryCompaniesOf(world)];

function bankSide(uscc: string, overrides: Partial<ReviewAccountRecord> = {}): ReviewAccountRecord {
  const company = companies.find((c) => c.uscc === uscc)!;
  return {
    accountNo: `A-${uscc}`, name: company.name, uscc, legalRepresentative: company.legalRepresentative, branch: null, accountType: null,
    registeredCapital: null, address: null, businessScope: null, licenseExpiry: null, relationshipManager: null, ...overrides,
  };
}

/** The input this job hands the registry bot (its source request after the accounts bot). */
function registryInput(): Record<string, unknown> {
  const source = annualReviewCheck.sources({ date: DATE, options: {} }).find((s) => s.botId === 'registry.company');
  return source!.input as Record<string, unknown>;
}

describe('registry.company as annual-review-check drives it, and the evidence of its build', () => {
  let browser: Browser;
  let portal: PortalApp;
  let url: string;
  let runDir: string;
  beforeAll(async () => {
    portal = createRegistryPortal({ dataset: generatedRegistry(world), seed: 7 });
    url = await portal.listen(0);
    portal.faults.set({ rateLimitPerSecond: 50, busyRate: 0 });
    browser = await launchBrowser();
    runDir = await mkdtemp(path.join(os.tmpdir(), 'arc-lookups-'));
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await rm(runDir, { recursive: true, force: true });
  });

  it('looks up each distinct code once and keeps its page; the build screenshots only the companies it flags, asking the registry nothing', async () => {
    // Companies the check passes as they are (no status or expiry finding of their own).
    const clean = companies.filter((c) => judgeAccount(bankSide(c.uscc), { kind: 'found', company: c }, DATE).verdict === 'pass').slice(0, 3);
    expect(clean).toHaveLength(3);
    const [a, b, c] = clean as [(typeof clean)[0], (typeof clean)[0], (typeof clean)[0]];
    const badCode = '91620105750906995X';
    const accounts = [
      bankSide(a.uscc),
      bankSide(b.uscc, { legalRepresentative: '某某某' }), // will be flagged
      bankSide(a.uscc, { accountNo: 'A-second', uscc: a.uscc.toLowerCase() }), // same company again
      bankSide(c.uscc),
      { ...bankSide(c.uscc), accountNo: 'A-bad', uscc: badCode }, // wrong check character: flagged on its code
      { ...bankSide(c.uscc), accountNo: 'A-short', uscc: '9131000012345' }, // not even the shape of a code: no lookup
    ];
    await writeJsonl(path.join(runDir, 'sources/annual-review.accounts.jsonl'), accounts);
    const { records, result } = await runFixtureBot(browser, registryCompany, { url, login: { username: '', password: '' } }, registryInput(), { runDir });
    const results = records as RegistryLookupResult[];
    // The bot applies no rule of the job: a code of the right shape is looked up even when its
    // check character is wrong (the registry answers notFound; the build flags the code itself).
    expect(results.map((r) => [r.uscc, r.outcome])).toEqual([[a.uscc, 'found'], [b.uscc, 'found'], [c.uscc, 'found'], [badCode, 'notFound']]);
    expect(results.map((r) => (r.outcome === 'found' ? r.company.evidence : undefined))).toEqual([undefined, undefined, undefined, undefined]);
    for (const r of results.filter((x) => x.outcome === 'found')) await access(path.join(runDir, r.pages![0]!.file));

    // The build: only now does anyone decide who is flagged; evidence comes from the kept pages.
    const asked: string[] = [];
    portal.app.use((req) => {
      asked.push(req.path);
      return false;
    });
    const sources = [okSource('annual-review.accounts', accounts.length), { ...okSource('registry.company', result.count), file: result.file }];
    const built = await buildAnnualReviewStep(buildContext(runDir, sources, { browser: async () => browser }));
    expect(asked).toEqual([]);
    const shot = `evidence/registry.company/registry-${b.uscc}.png`;
    expect((built.details as { evidence: string[] }).evidence).toEqual([shot]);
    await access(path.join(runDir, shot));
    for (const other of [a.uscc, c.uscc, badCode]) {
      await expect(access(path.join(runDir, `evidence/registry.company/registry-${other}.png`))).rejects.toThrow(/ENOENT/u);
    }

    // mismatches.json: every flag of the flagged account carries the spec's evidence — every page
    // the bot read for the company, sha256 of the bytes as received (the stored file gunzipped).
    const mismatches = JSON.parse(await readFile(path.join(runDir, 'mismatches.json'), 'utf8')) as { accountNo: string; field: string; evidence?: { pages: Record<string, string>[]; screenshot: string } }[];
    const flaggedB = mismatches.filter((m) => m.accountNo === `A-${b.uscc}`);
    expect(flaggedB.length).toBeGreaterThan(0);
    const recordB = results.find((r) => r.uscc === b.uscc)!;
    const keptB = recordB.outcome === 'found' ? recordB.pages! : [];
    for (const m of flaggedB) {
      expect(m.evidence).toEqual({ pages: keptB.map(({ url, file, sha256, fetchedAt }) => ({ url, file, sha256, fetchedAt })), screenshot: shot });
      expect(Object.keys(m.evidence!)).toEqual(['pages', 'screenshot']);
      expect(Object.keys(m).at(-1)).toBe('evidence');
      for (const page of m.evidence!.pages) {
        expect(Object.keys(page)).toEqual(['url', 'file', 'sha256', 'fetchedAt']);
        expect(sha256Hex(gunzipSync(await readFile(path.join(runDir, page.file!))))).toBe(page.sha256);
      }
    }
    // The Excel row links both: the screenshot and the first page the bot kept (its detail page).
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(runDir, built.outputs.find((f) => f.endsWith('.xlsx'))!));
    const detail = book.worksheets.find((ws) => (ws.getRow(1).values as ExcelJS.CellValue[]).includes('登记页原文'))!;
    const header = detail.getRow(1).values as ExcelJS.CellValue[];
    const rowB = detail.getRows(2, detail.rowCount - 1)!.find((r) => (r.values as ExcelJS.CellValue[]).includes(`A-${b.uscc}`))!;
    expect(rowB.getCell(header.indexOf('登记页截图')).value).toMatchObject({ hyperlink: shot });
    expect(rowB.getCell(header.indexOf('登记页原文')).value).toMatchObject({ text: '查看原页', hyperlink: keptB[0]!.file });
    // Accounts flagged on their code alone were never read from a company page: no evidence.
    expect(mismatches.filter((m) => m.accountNo === 'A-bad' || m.accountNo === 'A-short').map((m) => m.evidence)).toEqual(
      mismatches.filter((m) => m.accountNo === 'A-bad' || m.accountNo === 'A-short').map(() => undefined));
  }, 120_000);

  it('refuses an accounts file outside the run folder', async () => {
    await expect(
      runFixtureBot(browser, registryCompany, { url, login: { username: '', password: '' } }, { accountsFile: '../../etc/passwd' }, { runDir }),
    ).rejects.toThrow(/inside the run folder/);
  });
});

// A `notFound` flag has evidence like any other registry finding (issue #17): the registry's
// "未查询到" answer page the bot kept for the code, its sha256, and a screenshot rendered from those
// bytes in the build — without a request to the registry. A code flagged on its own check
// character is still shown without evidence (no registry page says anything of it).
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryLookupResult, ReviewAccountRecord } from '../../../bots/records';
import registryCompany from '../../../bots/registry/company.bot';
import { launchBrowser } from '../../../bots/sdk';
import { sha256Hex } from '../../../bots/sdk/stored-pages';
import { generatedRegistry, registrySize } from '../../../fixtures/generator/registry-companies';
import { usccForIndex } from '../../../fixtures/generator/registry-uscc';
import { buildWorld } from '../../../fixtures/generator/world';
import type { PortalApp } from '../../../fixtures/kit/portal-app';
import { createRegistryPortal } from '../../../fixtures/portals/registry/server';
import { buildAnnualReviewStep } from '../../../jobs/annual-review-check/build-step';
import annualReviewCheck from '../../../jobs/annual-review-check/job';
import { runFixtureBot } from '../bots/portal-bot-harness';
import { buildContext, okSource, writeJsonl } from '../../unit/annual-review-check/job-run-folder';

const DATE = '2025-10-31';
const world = buildWorld(7, 'small');
/** A valid code (check characters right) of an index past the registry's end: the registry holds no such company. */
const unknownCode = usccForIndex(world.seed, registrySize(world) + 17, '620102');

function account(accountNo: string, uscc: string): ReviewAccountRecord {
  return {
    accountNo, name: '兰州某某商贸有限公司', uscc, legalRepresentative: '张三', branch: null, accountType: null,
    registeredCapital: null, address: null, businessScope: null, licenseExpiry: null, relationshipManager: null,
  };
}

describe('annual-review-check: a code the registry does not hold has its answer page as evidence', () => {
  let browser: Browser;
  let portal: PortalApp;
  let runDir: string;
  beforeAll(async () => {
    portal = createRegistryPortal({ dataset: generatedRegistry(world), seed: 7 });
    await portal.listen(0);
    portal.faults.set({ rateLimitPerSecond: 0, busyRate: 0 });
    browser = await launchBrowser();
    runDir = await mkdtemp(path.join(os.tmpdir(), 'arc-notfound-'));
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await rm(runDir, { recursive: true, force: true });
  });

  it('keeps the "未查询到" page, renders it, and names it with its sha256 in mismatches.json', async () => {
    const badCode = '91620105750906995X'; // wrong check character: flagged on its code alone
    const accounts = [account('A-unknown', unknownCode), account('A-bad', badCode)];
    await writeJsonl(path.join(runDir, 'sources/annual-review.accounts.jsonl'), accounts);
    const input = annualReviewCheck.sources({ date: DATE, options: {} }).find((s) => s.botId === 'registry.company')!.input;
    const { records, result } = await runFixtureBot(browser, registryCompany, { url: portal.url, login: { username: '', password: '' } }, input, { runDir });
    const lookups = records as RegistryLookupResult[];
    expect(lookups.map((r) => [r.uscc, r.outcome])).toEqual([[unknownCode, 'notFound'], [badCode, 'notFound']]);
    const kept = lookups[0]!.outcome === 'notFound' ? lookups[0]!.pages ?? [] : [];
    expect(kept.map((p) => p.file)).toEqual([`pages/registry.company/registry-${unknownCode}.search.html.gz`]);

    const asked: string[] = [];
    portal.app.use((req) => {
      asked.push(req.path);
      return false;
    });
    const sources = [okSource('annual-review.accounts', accounts.length), { ...okSource('registry.company', result.count), file: result.file }];
    const built = await buildAnnualReviewStep(buildContext(runDir, sources, { browser: async () => browser }));
    expect(asked).toEqual([]);

    const shot = `evidence/registry.company/registry-${unknownCode}.png`;
    expect((built.details as { evidence: string[] }).evidence).toEqual([shot]);
    const png = await readFile(path.join(runDir, shot));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');

    const mismatches = JSON.parse(await readFile(path.join(runDir, 'mismatches.json'), 'utf8')) as { accountNo: string; field: string; evidence?: { pages: { url: string; file: string; sha256: string; fetchedAt: string }[]; screenshot: string } }[];
    const notFound = mismatches.filter((m) => m.accountNo === 'A-unknown');
    expect(notFound.map((m) => m.field)).toEqual(['notFound']);
    expect(notFound[0]!.evidence).toEqual({ pages: kept.map(({ url, file, sha256, fetchedAt }) => ({ url, file, sha256, fetchedAt })), screenshot: shot });
    const page = notFound[0]!.evidence!.pages[0]!;
    const bytes = gunzipSync(await readFile(path.join(runDir, page.file)));
    expect(sha256Hex(bytes)).toBe(page.sha256);
    expect(bytes.toString('utf8')).toContain('未查询到');

    // The invalid code was looked up (the bot judges nothing) but is flagged on its code: no evidence.
    expect(mismatches.filter((m) => m.accountNo === 'A-bad').map((m) => [m.field, m.evidence])).toEqual([['uscc', undefined]]);
    await expect(access(path.join(runDir, `evidence/registry.company/registry-${badCode}.png`))).rejects.toThrow(/ENOENT/u);
  }, 120_000);
});

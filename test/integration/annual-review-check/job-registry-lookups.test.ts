// The registry bot driven the way this job drives it: codes from the accounts file in the run
// folder, evidence only for companies whose accounts the check will flag.
import { access, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryLookupResult, ReviewAccountRecord } from '../../../bots/records';
import registryCompany from '../../../bots/registry/company.bot';
import { launchBrowser } from '../../../bots/sdk';
import { generatedRegistry, registryCompaniesOf } from '../../../fixtures/generator/registry-companies';
import { buildWorld } from '../../../fixtures/generator/world';
import type { PortalApp } from '../../../fixtures/kit/portal-app';
import { createRegistryPortal } from '../../../fixtures/portals/registry/server';
import { judgeAccount } from '../../../jobs/annual-review-check/rules';
import { runFixtureBot } from '../bots/portal-bot-harness';
import { writeJsonl } from '../../unit/annual-review-check/job-run-folder';

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

describe('registry.company with { accountsFile, evidenceFor: "flagged" }', () => {
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

  it('looks up each distinct valid code once and screenshots only the companies it will flag', async () => {
    // Companies the check passes as they are (no status or expiry finding of their own).
    const clean = companies.filter((c) => judgeAccount(bankSide(c.uscc), { kind: 'found', company: c }, DATE).verdict === 'pass').slice(0, 3);
    expect(clean).toHaveLength(3);
    const [a, b, c] = clean as [(typeof clean)[0], (typeof clean)[0], (typeof clean)[0]];
    const accounts = [
      bankSide(a.uscc),
      bankSide(b.uscc, { legalRepresentative: '某某某' }), // will be flagged
      bankSide(a.uscc, { accountNo: 'A-second', uscc: a.uscc.toLowerCase() }), // same company again
      bankSide(c.uscc),
      { ...bankSide(c.uscc), accountNo: 'A-bad', uscc: '91620105750906995X' }, // invalid: no lookup
    ];
    await writeJsonl(path.join(runDir, 'sources/accounts.jsonl'), accounts);
    const { records } = await runFixtureBot(browser, registryCompany, { url, login: { username: '', password: '' } }, { accountsFile: 'sources/accounts.jsonl', evidenceFor: 'flagged', reviewDate: DATE }, { runDir });
    const results = records as RegistryLookupResult[];
    expect(results.map((r) => [r.uscc, r.outcome])).toEqual([a, b, c].map((x) => [x.uscc, 'found']));
    const evidence = results.map((r) => (r.outcome === 'found' ? r.company.evidence : undefined));
    expect(evidence[0]).toBeUndefined();
    expect(evidence[2]).toBeUndefined();
    expect(evidence[1]).toMatch(/^evidence\/registry\.company\/.+\.png$/u);
    await access(path.join(runDir, evidence[1]!));
  }, 120_000);

  it('refuses an accounts file outside the run folder', async () => {
    await expect(
      runFixtureBot(browser, registryCompany, { url, login: { username: '', password: '' } }, { accountsFile: '../../etc/passwd' }, { runDir }),
    ).rejects.toThrow(/inside the run folder/);
  });
});

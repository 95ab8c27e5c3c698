// Issue #17 item 6 through the registry bot: a perturbed copy of ../shared/data/registry-sample.csv
// (list entries and change records as JSON cells) served by the registry portal, looked up by the
// registry bot, its JSONL read by the build's lookup index and judged: every expected flag and date
// is found. The same copy at the rules level: test/unit/annual-review-check/real-data-signals.test.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import registryCompany from '../../../bots/registry/company.bot';
import { launchBrowser } from '../../../bots/sdk';
import { loadRegistryCsv } from '../../../fixtures/generator/registry-csv';
import { createRegistryPortal } from '../../../fixtures/portals/registry/server';
import type { PortalApp } from '../../../fixtures/kit/portal-app';
import { loadRegistryLookups } from '../../../jobs/annual-review-check/build/registry-lookups';
import { checkAccount } from '../../../jobs/annual-review-check/rules';
import { runFixtureBot } from '../bots/portal-bot-harness';
import { perturbationsOf, REVIEW_DATE, writePerturbedCopy, type Perturbation } from '../../unit/annual-review-check/support/perturbed-registry';
import { loadRegistrySample, registrySample } from '../../unit/annual-review-check/support/registry-sample';

describe.skipIf(registrySample.skip)(registrySample.title('a perturbed registry-sample.csv through the registry bot and the rules'), () => {
  let dir: string;
  let portal: PortalApp;
  let url: string;
  let browser: Browser;
  let perturbations: Perturbation[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'arc-signals-bot-'));
    perturbations = perturbationsOf(loadRegistrySample());
    const { dataset } = loadRegistryCsv(writePerturbedCopy(registrySample.file, dir, perturbations));
    portal = createRegistryPortal({ dataset, faults: { busyRate: 0 } });
    url = await portal.listen(0);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds every expected list flag, change date and overdue count from what the bot read', async () => {
    const runDir = path.join(dir, 'run');
    const codes = perturbations.map((p) => p.row.company.uscc);
    const { result } = await runFixtureBot(browser, registryCompany, { url, login: { username: '', password: '' } }, { uscc: codes }, { runDir });
    const lookups = await loadRegistryLookups(path.join(runDir, result.file));
    expect(lookups.rejected).toEqual([]);
    expect(lookups.size).toBe(codes.length);
    const wrong: unknown[] = [];
    for (const p of perturbations) {
      const flags = checkAccount(p.account, lookups.lookupFor(p.row.company.uscc), REVIEW_DATE);
      const got = flags.map((f) => ({
        field: f.field,
        severity: f.severity,
        ...(f.field === 'seriousViolation' || f.field === 'abnormalOperation' ? { registryValue: f.registryValue } : {}),
        ...(f.changedOn === undefined ? {} : { changedOn: f.changedOn, reportDueOn: f.reportDueOn, overdueWorkingDays: f.overdueWorkingDays }),
      }));
      if (JSON.stringify(got) !== JSON.stringify(p.expected)) wrong.push({ case: p.name, got, want: p.expected });
    }
    expect(wrong).toEqual([]);
    // The cases cover both lists, a relisting, dated and undated changes and a removed listing.
    const fields = new Set(perturbations.flatMap((p) => p.expected.map((e) => e.field)));
    expect([...fields].sort()).toEqual(['abnormalOperation', 'address', 'businessScope', 'legalRepresentative', 'name', 'registeredCapital', 'seriousViolation', 'status']);
  }, 180_000);
});

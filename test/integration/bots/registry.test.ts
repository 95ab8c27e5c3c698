import { access, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import registryCompany from '../../../bots/registry/company.bot';
import type { RegistryLookupResult } from '../../../bots/records';
import { servedCompaniesOf } from '../../../fixtures/generator/registry-companies';
import { generatedReviewSource } from '../../../fixtures/generator/review-accounts';
import { rngFor } from '../../../fixtures/generator/rng';
import { buildWorld } from '../../../fixtures/generator/world';
import { createRegistryPortal } from '../../../fixtures/portals/registry/server';
import { useRegistrySuite } from './registry-suite';
import { loadRegistryCsv } from '../../../fixtures/generator/registry-csv';
import { runFixtureBot } from './portal-bot-harness';
import { sharedData } from '../../helpers/shared-data';
import { expectKeptPages, withoutPages } from './registry-records';

const world = buildWorld(7, 'small');
// As the registry shows them: the record with its 经营异常 / 严重违法失信 lists, all read by the bot.
const companies = [...servedCompaniesOf(world)];
const noLogin = { username: '', password: '' };

describe('registry.company against the registry fixture', () => {
  // The registry's defaults (20 req/s and a busy page now and then) before each test.
  const reg = useRegistrySuite(world);
  /** The bot's records, the pages they kept set aside (registry-records.ts checks those). */
  const run = async (input: Record<string, unknown>, runDir?: string) => {
    const { records, result } = await runFixtureBot(reg.browser, registryCompany, { url: reg.url, login: noLogin }, input, { runDir });
    const raw = records as RegistryLookupResult[];
    return { raw, records: raw.map(withoutPages), result };
  };

  it('returns exactly the generated companies (基本信息 and 变更记录) for 30 codes, in input order, each detail page kept', async () => {
    const runDir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-registry-'));
    try {
      const sample = companies.slice(0, 30);
      expect(sample.some((c) => c.changes.length > 0)).toBe(true);
      const { raw, records, result } = await run({ uscc: sample.map((c) => c.uscc) }, runDir);
      expect(result.expected).toBe(30);
      expect(records).toEqual(sample.map((company) => ({ uscc: company.uscc, outcome: 'found', company })));
      await expectKeptPages(runDir, raw);
    } finally {
      await rm(runDir, { recursive: true, force: true });
    }
  });

  it('answers notFound for a valid code the registry does not hold, and accepts codes typed with spaces and lower case', async () => {
    const unknown = generatedReviewSource(world).unknownCode(rngFor('registry-test'));
    const known = companies[3]!;
    const typed = `${known.uscc.slice(0, 8)} ${known.uscc.slice(8).toLowerCase()}`;
    const { raw, records } = await run({ uscc: [unknown, typed] });
    expect(records).toEqual([{ uscc: unknown, outcome: 'notFound' }, { uscc: known.uscc, outcome: 'found', company: known }]);
    // "Not found" is evidence too: the search page that said 未查询到 is kept.
    expect(raw[0]!.outcome === 'notFound' && raw[0]!.pages?.map((p) => p.file)).toEqual([`pages/registry.company/registry-${unknown}.search.html.gz`]);
  });

  it('429 storm: with the portal limited to 3 requests/s every lookup still completes, none lost', async () => {
    reg.portal.faults.set({ rateLimitPerSecond: 3, busyRate: 0 });
    const sample = companies.slice(10, 22);
    const { records } = await run({ uscc: sample.map((c) => c.uscc), requestsPerSecond: 20 });
    expect(records).toEqual(sample.map((company) => ({ uscc: company.uscc, outcome: 'found', company })));
  });

  it('takes a screenshot of the detail page for the codes asked, path relative to the run folder', async () => {
    const runDir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-registry-'));
    try {
      const [a, b] = companies;
      const { records } = await run({ uscc: [a!.uscc, b!.uscc], evidenceFor: [b!.uscc] }, runDir);
      const [ra, rb] = records;
      expect(ra?.outcome === 'found' && ra.company.evidence).toBeFalsy();
      const evidence = rb?.outcome === 'found' ? rb.company.evidence : undefined;
      expect(evidence).toMatch(/^evidence\/registry\.company\/registry-.+\.png$/u);
      await access(path.join(runDir, evidence!));
    } finally {
      await rm(runDir, { recursive: true, force: true });
    }
  });

  const registrySample = sharedData('registry-sample.csv');
  it.skipIf(registrySample.skip)(registrySample.title('returns the records of registry-sample.csv as served (incl. the 15-digit old registration number)'), async () => {
    const { dataset } = loadRegistryCsv(registrySample.file);
    const datasetPortal = createRegistryPortal({ dataset, faults: { busyRate: 0 } });
    const datasetUrl = await datasetPortal.listen(0);
    try {
      const all = [...dataset.all()];
      const picked = [all[0]!, all[1]!, all[500]!, all[2000]!, dataset.byCode('320123000004935')!, all[all.length - 1]!];
      const { records } = await runFixtureBot(reg.browser, registryCompany, { url: datasetUrl, login: noLogin }, { uscc: picked.map((c) => c.uscc) });
      // The CSV has no list columns: both tabs say 0 entries and are read as empty.
      expect((records as RegistryLookupResult[]).map(withoutPages)).toEqual(picked.map((company) => ({ uscc: company.uscc, outcome: 'found', company: { ...company, ...dataset.listsOf(company.uscc) } })));
    } finally {
      await datasetPortal.close();
    }
  });

  it('yields failed (never drops the code) when the portal stays down through every retry', async () => {
    reg.portal.faults.set({ down: true });
    const { records, result } = await run({ uscc: [companies[0]!.uscc] });
    expect(result.count).toBe(1);
    expect(records).toEqual([{ uscc: companies[0]!.uscc, outcome: 'failed', error: expect.stringContaining('503') }]);
  });
});

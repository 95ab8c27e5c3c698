// registry.company reading the detail page's record tabs (issue #17): 变更记录 followed page by
// page, 经营异常信息 and 严重违法失信信息 read only when their label states entries, every page
// kept byte for byte; on both paths (documents over HTTP, rendered pages). The registry's own
// request handling counts what it is asked.

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RegistryLookupResult } from '../../../bots/records';
import registryCompany from '../../../bots/registry/company.bot';
import { longHistoriesFrom, servedCompaniesOf } from '../../../fixtures/generator/registry-companies';
import { buildWorld } from '../../../fixtures/generator/world';
import { TAB_PAGE_SIZE } from '../../../fixtures/portals/registry/tabs';
import { runFixtureBot } from './portal-bot-harness';
import { expectKeptPages, withoutPages } from './registry-records';
import { useRegistrySuite } from './registry-suite';

const world = buildWorld(7, 'small');
const companies = [...servedCompaniesOf(world)];
/** The longest 变更记录 of the world's long histories (more than one page). */
const longChanges = companies.slice(longHistoriesFrom(world)).reduce((a, b) => (b.changes.length > a.changes.length ? b : a));
const noEntries = companies.find((c) => c.changes.length === 0 && c.abnormalOperations.length === 0 && c.seriousViolations.length === 0)!;
/** Listed, removed, listed again: the last entry is current (no removal), an earlier one removed. */
const relisted = companies.find((c) => c.abnormalOperations.length >= 2 && c.abnormalOperations.at(-1)!.removedOn === undefined && c.abnormalOperations[0]!.removedOn !== undefined)!;
const serious = companies.find((c) => c.seriousViolations.length > 0)!;
const noLogin = { username: '', password: '' };

describe('registry.company: the detail page’s record tabs', () => {
  const reg = useRegistrySuite(world);
  let runDir: string;
  /** Paths and queries the registry was asked while `counting`. */
  const asked: string[] = [];
  let counting = false;
  let listening = false;
  beforeEach(async () => {
    runDir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-registry-tabs-'));
    // Every request reaches the counter: no rate limit or busy page answers (and is retried) first.
    reg.portal.faults.set({ busyRate: 0, rateLimitPerSecond: 0 });
    if (!listening) {
      listening = true;
      reg.portal.app.use((req) => {
        if (counting) asked.push(req.raw.url ?? req.path);
        return false;
      });
    }
    asked.length = 0;
    counting = true;
  });
  afterEach(async () => {
    counting = false;
    await rm(runDir, { recursive: true, force: true });
  });

  const run = async (codes: string[], extra: Record<string, unknown> = {}) => {
    const { records } = await runFixtureBot(reg.browser, registryCompany, { url: reg.url, login: noLogin }, { uscc: codes, ...extra }, { runDir });
    return records as RegistryLookupResult[];
  };
  const tabRequests = (code: string) => asked.filter((u) => u.startsWith(`/company/${code}/`));

  it('picks the companies it needs from the fixture world', () => {
    expect(longChanges.changes.length).toBeGreaterThan(TAB_PAGE_SIZE);
    expect(noEntries).toBeDefined();
    expect(relisted).toBeDefined();
    expect(serious).toBeDefined();
  });

  for (const render of [false, true]) {
    const how = render ? 'rendered pages' : 'documents over HTTP';

    it(`${how}: a long 变更记录 is read page by page, every page kept with its sha256`, async () => {
      const raw = await run([longChanges.uscc], { render });
      expect(raw.map(withoutPages)).toEqual([{ uscc: longChanges.uscc, outcome: 'found', company: longChanges }]);
      await expectKeptPages(runDir, raw);
      const pages = Math.ceil(longChanges.changes.length / TAB_PAGE_SIZE);
      expect(tabRequests(longChanges.uscc).filter((u) => u.includes('/changes'))).toEqual(
        Array.from({ length: pages - 1 }, (_, i) => `/company/${longChanges.uscc}/changes?page=${i + 2}`));
      const files = raw[0]!.outcome === 'found' ? raw[0]!.pages!.map((p) => p.file) : [];
      expect(files.slice(0, pages)).toEqual([
        `pages/registry.company/registry-${longChanges.uscc}.html.gz`,
        ...Array.from({ length: pages - 1 }, (_, i) => `pages/registry.company/registry-${longChanges.uscc}.changes-${i + 2}.html.gz`),
      ]);
    });

    it(`${how}: a company whose tabs all say 0 costs no tab request, and its lists are read as empty`, async () => {
      const raw = await run([noEntries.uscc], { render });
      expect(raw.map(withoutPages)).toEqual([{ uscc: noEntries.uscc, outcome: 'found', company: { ...noEntries, abnormalOperations: [], seriousViolations: [] } }]);
      expect(tabRequests(noEntries.uscc)).toEqual([]);
      // The search and the detail page: nothing else about this company.
      expect(asked.filter((u) => u.includes(noEntries.uscc))).toHaveLength(2);
      expect(raw[0]!.outcome === 'found' && raw[0]!.pages).toHaveLength(1);
    });

    it(`${how}: a removed-then-relisted company keeps both listings, the removal on the old one only`, async () => {
      const raw = await run([relisted.uscc, serious.uscc], { render });
      expect(raw.map(withoutPages)).toEqual([relisted, serious].map((company) => ({ uscc: company.uscc, outcome: 'found', company })));
      const company = raw[0]!.outcome === 'found' ? raw[0]!.company : undefined;
      expect(company?.abnormalOperations?.[0]).toHaveProperty('removedOn');
      expect(company?.abnormalOperations?.at(-1)).not.toHaveProperty('removedOn');
      expect(company?.abnormalOperations?.at(-1)).not.toHaveProperty('removalReason');
      await expectKeptPages(runDir, raw);
      expect(tabRequests(relisted.uscc)).toContain(`/company/${relisted.uscc}/abnormal?page=1`);
      if (relisted.seriousViolations.length === 0) expect(tabRequests(relisted.uscc).some((u) => u.includes('/violations'))).toBe(false);
    });
  }
});

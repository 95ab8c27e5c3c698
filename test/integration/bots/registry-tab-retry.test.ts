// registry.company and a 429 on a record tab's page (issue #17): the registry's rate-limit fault
// refuses the first request after the detail page was served (which is the 变更记录's page 2),
// and the bot retries that page alone — the detail page it already holds is not read again.

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
/** A company whose 变更记录 runs to more than one page, so the bot reads a tab page after the detail page. */
const paged = [...servedCompaniesOf(world)].slice(longHistoriesFrom(world)).find((c) => c.changes.length > TAB_PAGE_SIZE)!;
const noLogin = { username: '', password: '' };
/** Below one request a second: every request is over the limit while it is set. */
const REFUSE_ALL = 0.5;

describe('registry.company: a 429 on a record tab retries only that tab page', () => {
  const reg = useRegistrySuite(world);
  let runDir: string;
  /** Requests the registry served (past its fault injection), in order. */
  const served: string[] = [];
  /** How many of `served` there were when the rate limit refused a request. */
  const refusedAt: number[] = [];
  let armed = false;
  let installed = false;

  beforeEach(async () => {
    runDir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-registry-tab-429-'));
    reg.portal.faults.set({ busyRate: 0, rateLimitPerSecond: 0 });
    served.length = 0;
    refusedAt.length = 0;
    armed = false;
    if (installed) return;
    installed = true;
    const faults = reg.portal.faults;
    const overRateLimit = faults.overRateLimit.bind(faults);
    // One refusal, then the limit is lifted again (the retry waits the Retry-After and passes).
    faults.overRateLimit = (now?: number) => {
      const wait = overRateLimit(now);
      if (wait > 0) {
        refusedAt.push(served.length);
        faults.set({ rateLimitPerSecond: 0 });
      }
      return wait;
    };
    reg.portal.app.use((req) => {
      const url = req.raw.url ?? req.path;
      served.push(url);
      // The detail page is served: the next request (its first tab page) meets the rate limit.
      if (armed && req.path === '/company/detail' && req.query.get('code') === paged.uscc) {
        armed = false;
        faults.set({ rateLimitPerSecond: REFUSE_ALL });
      }
      return false;
    });
  });
  afterEach(async () => {
    armed = false;
    await rm(runDir, { recursive: true, force: true });
  });

  for (const render of [false, true]) {
    const how = render ? 'rendered pages' : 'documents over HTTP';
    it(`${how}: the detail page is read once, the refused tab page twice asked and once served`, async () => {
      expect(paged.changes.length).toBeGreaterThan(TAB_PAGE_SIZE);
      armed = true;
      const { records } = await runFixtureBot(reg.browser, registryCompany, { url: reg.url, login: noLogin }, { uscc: [paged.uscc], render, concurrency: 1 }, { runDir });
      const raw = records as RegistryLookupResult[];
      expect(raw.map(withoutPages)).toEqual([{ uscc: paged.uscc, outcome: 'found', company: paged }]);
      await expectKeptPages(runDir, raw);
      // The fault fired once, right after the detail page; what the registry served next is the refused page again.
      expect(refusedAt).toHaveLength(1);
      const detail = `/company/detail?code=${paged.uscc}&tab=base`;
      expect(served.filter((u) => u.startsWith('/company/detail?'))).toEqual([detail]);
      expect(served[refusedAt[0]! - 1]).toBe(detail);
      expect(served[refusedAt[0]!]).toBe(`/company/${paged.uscc}/changes?page=2`);
      expect(served.filter((u) => u === `/company/${paged.uscc}/changes?page=2`)).toHaveLength(1);
    });
  }
});

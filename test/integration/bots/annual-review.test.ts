import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import annualReviewAccounts from '../../../bots/annual-review/accounts.bot';
import { IncompleteExtractionError, launchBrowser } from '../../../bots/sdk';
import { generatedReviewSource, licenceAsDateCell, reviewAccountsOf } from '../../../fixtures/generator/review-accounts';
import { buildWorld } from '../../../fixtures/generator/world';
import type { PortalApp } from '../../../fixtures/kit/portal-app';
import { createAnnualReviewPortal } from '../../../fixtures/portals/annual-review/server';
import { runFixtureBot } from './portal-bot-harness';

const world = buildWorld(5, 'small');
const reviewDate = '2026-10-31';
const login = { username: 'ops01', password: 'review-test-pw' };
const expected = [...reviewAccountsOf(world, reviewDate)];

describe('annual-review.accounts against the annual-review fixture', () => {
  let browser: Browser;
  let portal: PortalApp;
  let url: string;
  beforeAll(async () => {
    portal = createAnnualReviewPortal(world, login, generatedReviewSource(world));
    url = await portal.listen(0);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });
  beforeEach(() => {
    portal.faults.reset();
  });
  const run = () => runFixtureBot(browser, annualReviewAccounts, { url, login }, { reviewDate });

  it('returns exactly the generated accounts from the .xlsx export, checked against 共 N 条', async () => {
    expect(expected.some((a) => licenceAsDateCell(a))).toBe(true);
    expect(expected.some((a) => a.licenseExpiry && !licenceAsDateCell(a))).toBe(true);
    const { records, result } = await run();
    expect(result.expected).toBe(expected.length);
    expect(records).toEqual(expected);
  });

  it('logs in again when the session is dropped before the export, and reads every row once', async () => {
    // Landing page after login, the list page, then the export → sessions dropped.
    portal.faults.set({ dropSessionsAfter: 3 });
    const { records, runtime } = await run();
    expect(records).toEqual(expected);
    expect(runtime.session(annualReviewAccounts.portal).logins).toBe(2);
  });

  it('fails as incomplete when the list states more accounts than the export holds', async () => {
    portal.app.use((req, res) => {
      if (req.path !== '/review/list' || !portal.faults.settings.truncatePages) return false;
      // A portal whose list counts an account its export lacks: simulated by answering a larger total.
      const original = res.html.bind(res);
      res.html = (body: string) => original(body.replace(/共 (\d+) 条/u, (_m, n: string) => `共 ${Number(n) + 1} 条`));
      return false;
    });
    portal.faults.set({ truncatePages: true });
    await expect(run()).rejects.toBeInstanceOf(IncompleteExtractionError);
  });
});

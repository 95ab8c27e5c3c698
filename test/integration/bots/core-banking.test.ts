// Each core-banking bot in the real browser returns exactly what the generator yields for the
// same seed, scale and date, record by record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import correctionsBot from '../../../bots/core-banking/corrections.bot';
import customersBot from '../../../bots/core-banking/customers.bot';
import reconciliationBot from '../../../bots/core-banking/reconciliation.bot';
import transactionsBot from '../../../bots/core-banking/transactions.bot';
import { launchBrowser } from '../../../bots/sdk';
import { correctionsOf } from '../../../fixtures/generator/corrections';
import { customersOf } from '../../../fixtures/generator/customers-touched';
import { addDays } from '../../../fixtures/generator/local-time';
import { reconciliationOf } from '../../../fixtures/generator/reconciliation';
import { transactionsOf } from '../../../fixtures/generator/transactions';
import { buildWorld } from '../../../fixtures/generator/world';
import { startHarness, type Harness } from './core-banking-support';

const DATE = '2025-03-03';
const world = buildWorld(21, 'small');
let browser: Browser;
let h: Harness;

beforeAll(async () => {
  browser = await launchBrowser();
  h = await startHarness(world, browser);
});
afterAll(async () => {
  await h?.close();
  await browser?.close();
});

describe('core-banking bots against the fixture portal', () => {
  it('transactions (GBK CSV export) = the generated day', async () => {
    const { result, records } = await h.run(transactionsBot, { date: DATE });
    const expected = [...transactionsOf(world, DATE)];
    expect(result.expected).toBe(expected.length);
    expect(records).toEqual(expected);
  });

  it('corrections = the generated corrections of the date', async () => {
    const { records } = await h.run(correctionsBot, { date: DATE, pageSize: 10 });
    expect(records).toEqual(correctionsOf(world, DATE));
  });

  it('corrections over several pages = the generated corrections of the date', async () => {
    // A small bank books one or two a day (a realistic 差错率); the medium one, on a busy day, pages.
    const medium = buildWorld(21, 'medium');
    let day = DATE;
    while (correctionsOf(medium, day).length <= 10) day = addDays(day, 1);
    const m = await startHarness(medium, browser);
    try {
      const { result, records } = await m.run(correctionsBot, { date: day, pageSize: 10 });
      expect(result.expected).toBeGreaterThan(10); // several pages
      expect(records).toEqual(correctionsOf(medium, day));
    } finally {
      await m.close();
    }
  });

  it('reconciliation = every corporate account\'s statistics', async () => {
    const { records } = await h.run(reconciliationBot, { date: DATE, pageSize: 50 });
    expect(records).toEqual([...reconciliationOf(world, DATE)]);
  });

  it('customers = the customers touched on the date', async () => {
    const { records } = await h.run(customersBot, { date: DATE, pageSize: 100 });
    const expected = [...customersOf(world, DATE)];
    expect(expected.some((c) => c.phone === null)).toBe(true);
    expect(records).toEqual(expected);
  });

  it('logged in once for all of them', () => {
    expect(h.logins()).toBe(1);
  });
});

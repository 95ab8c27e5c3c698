// The SDK's paging loop, without a browser: every page comes from the grid's fetch path, so the
// loop's own rules (page count, stated totals, row numbers, progress, steps) are what is tested.
import type { Page } from 'playwright-core';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  GridPage, IncompleteExtractionError, readGrid, readGrids, type BotContext, type FetchedGrid, type Grid, type GridColumns,
} from '../../../../bots/sdk';

interface Item {
  id: string;
  amount: number;
}

const COLUMNS: GridColumns<Item> = {
  name: '测试列表',
  headers: { 编号: 'id', 金额: 'amount' },
  convert: {
    amount: (t) => {
      if (!/^\d+$/.test(t)) throw new Error(`not an amount ${JSON.stringify(t)}`);
      return Number(t);
    },
  },
};

const items = (n: number, prefix = 'R'): Item[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, amount: i }));

/** A portal's pages of `rows` as the fetch path reads them: headers reversed (order must not matter), "共 N 条". */
function servedBy(rows: Item[], opts: { statedTotal?: (pageNo: number) => number; dropLast?: boolean } = {}) {
  const asked: number[] = [];
  const fetch = async (_page: Page, urls: string[], _where?: unknown): Promise<FetchedGrid[]> =>
    urls.map((url) => {
      const q = new URL(url, 'http://portal').searchParams;
      const pageNo = Number(q.get('page'));
      const size = Number(q.get('size'));
      asked.push(pageNo);
      let slice = rows.slice((pageNo - 1) * size, pageNo * size);
      if (opts.dropLast) slice = slice.slice(0, -1);
      const total = opts.statedTotal?.(pageNo) ?? rows.length;
      return { ok: true, value: { headers: [' 金额 ', '编号'], rows: slice.map((r) => [String(r.amount), r.id]), pagerText: `共 ${total} 条 第 ${pageNo} 页` } };
    });
  return { fetch, asked };
}

function fakeContext() {
  const steps: string[] = [];
  const progress: [number, number | undefined][] = [];
  let expected: number | undefined;
  const ctx = {
    botId: 'test.items', baseUrl: 'http://portal', log: pino({ level: 'silent' }),
    step: async <T>(name: string, fn: (page: Page) => Promise<T>) => {
      steps.push(name);
      // On the portal's origin: the fetch path is taken only from a portal page.
      return fn({ url: () => 'http://portal/' } as unknown as Page);
    },
    expectTotal: (n: number) => {
      expected = n;
    },
    progress: (done: number, total?: number) => progress.push([done, total]),
  } as unknown as BotContext;
  return { ctx, steps, progress, expected: () => expected };
}

function grid(fetch: Grid<Item>['fetch'], over: Partial<Grid<Item>> = {}): Grid<Item> {
  return { columns: COLUMNS, pageSize: 10, open: (page) => new GridPage(page, 'table#items'), url: (n, size) => `/items?page=${n}&size=${size}`, fetch, ...over };
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('readGrid', () => {
  it('reads every page once, by header text, declaring the first page\'s total', async () => {
    const rows = items(45);
    const portal = servedBy(rows);
    const { ctx, steps, progress, expected } = fakeContext();
    expect(await all(readGrid(ctx, grid(portal.fetch)))).toEqual(rows);
    expect(expected()).toBe(45);
    expect(portal.asked).toEqual([1, 2, 3, 4, 5]);
    // Page 1 alone (its total decides the rest), then four fetched pages per step.
    expect(steps).toEqual(['测试列表 page 1', '测试列表 pages 2-5']);
    expect(progress).toEqual([[10, 45], [45, 45]]);
  });

  it('reads an empty listing as no rows, without looking for headers', async () => {
    const { ctx, expected } = fakeContext();
    expect(await all(readGrid(ctx, grid(servedBy([]).fetch)))).toEqual([]);
    expect(expected()).toBe(0);
  });

  it('navigates instead of fetching while the page is not on the portal (a fetch would go elsewhere)', async () => {
    const { ctx } = fakeContext();
    const navigated: string[] = [];
    Object.assign(ctx, {
      step: async <T>(_name: string, fn: (page: Page) => Promise<T>) => fn({ url: () => 'about:blank' } as unknown as Page),
      goto: async (_page: Page, url: string) => void navigated.push(url),
    });
    const fetch = async (): Promise<FetchedGrid[]> => {
      throw new Error('fetched from a page off the portal');
    };
    const open = (page: Page) => Object.assign(new GridPage(page, 'table#items'), { statedTotal: async () => 0 });
    expect(await all(readGrid(ctx, grid(fetch, { open })))).toEqual([]);
    expect(navigated).toEqual(['/items?page=1&size=10']);
  });

  it('fails when a later page states another total', async () => {
    const portal = servedBy(items(25), { statedTotal: (n) => (n === 3 ? 26 : 25) });
    await expect(all(readGrid(fakeContext().ctx, grid(portal.fetch, { pagesPerStep: 1 })))).rejects.toThrow(
      "测试列表: the portal's total changed from 25 to 26 while paging (page 3)",
    );
  });

  it('fails as incomplete when the pages hold fewer rows than stated', async () => {
    const portal = servedBy(items(25), { dropLast: true });
    await expect(all(readGrid(fakeContext().ctx, grid(portal.fetch)))).rejects.toBeInstanceOf(IncompleteExtractionError);
  });

  it('names the row (across pages) and column of a cell it cannot read', async () => {
    const rows = items(15);
    const { fetch } = servedBy(rows);
    const broken: Grid<Item>['fetch'] = async (page, urls, where) =>
      (await fetch(page, urls, where)).map((f) => {
        if (f.ok && urls[0]!.includes('page=2')) f.value.rows[2]![0] = '十二';
        return f;
      });
    // A fetched page that does not parse is read again by navigating, where the error is raised with evidence.
    const navigated: string[] = [];
    const open = (page: Page) => {
      const view = new GridPage(page, 'table#items');
      view.statedTotal = async () => 15;
      view.headers = async () => ['金额', '编号'];
      view.rows = async () => [['0', 'R11'], ['1', 'R12'], ['十二', 'R13']];
      return view;
    };
    const ctx = fakeContext().ctx;
    (ctx as { goto: unknown }).goto = async (_page: Page, url: string) => {
      navigated.push(url);
      return null;
    };
    const fakePage = { url: () => 'http://portal/items?page=2' } as unknown as Page;
    (ctx as { step: unknown }).step = async <T>(_name: string, fn: (page: Page) => Promise<T>) => fn(fakePage);
    await expect(all(readGrid(ctx, grid(broken, { open })))).rejects.toThrow('row 13, column amount: not an amount "十二"');
    expect(navigated).toEqual(['/items?page=2&size=10']);
  });
});

describe('readGrids', () => {
  it('declares the sum of every listing\'s total before the first progress report', async () => {
    const created = items(12, 'C');
    const backlog = items(7, 'B');
    const { ctx, steps, progress, expected } = fakeContext();
    const records = await all(readGrids(ctx, [grid(servedBy(created).fetch, { label: 'created' }), grid(servedBy(backlog).fetch, { label: 'backlog' })]));
    expect(records).toEqual([...created, ...backlog]);
    expect(expected()).toBe(19);
    expect(steps).toEqual(['created page 1', 'backlog page 1', 'created page 2']);
    expect(progress.every(([, total]) => total === 19)).toBe(true);
    expect(progress.at(-1)).toEqual([19, 19]);
  });
});

import type { Page } from 'playwright-core';
import type { BotContext } from '../context';
import { LayoutError } from '../errors';
import { onOrigin } from '../readers/in-page-fetch';
import { checkReadAll, checkSameTotal, parseStatedTotal } from '../stated-total';
import type { GridContent, GridFetch } from './grid-content';
import { headerProblem, mapHeaders, parseRow, type GridColumns, type HeaderMapping } from './grid-columns';
import type { GridPage } from './grid-page';

/**
 * One paginated listing: its columns, its page object, and how to ask for page n.
 *
 * @example
 * const inspections: Grid<DeviceInspectionRecord> = {
 *   columns: INSPECTION_GRID, pageSize,
 *   open: (page) => new InspectionsPage(page),
 *   url: (pageNo, size) => InspectionsPage.url(date, pageNo, size),
 * };
 */
export interface Grid<R> {
  columns: GridColumns<R>;
  /** The page object of the rendered grid (a GridPage), on the step's page. */
  open(page: Page): GridPage;
  /** The URL of page `pageNo` at `pageSize` rows. */
  url(pageNo: number, pageSize: number): string;
  pageSize: number;
  /** Names the steps: `<label> page 3` (default: the columns' name). */
  label?: string;
  /** Read pages without navigating where possible; absent: every page is navigated to. */
  fetch?: GridFetch;
  /** Pages per step after the first page (default 1; 4 with `fetch`, whose pages share a round trip). */
  pagesPerStep?: number;
}

export interface ReadGridOptions {
  /** Report progress (rows read of the stated total) after each step. Default true. */
  progress?: boolean;
}

/**
 * Every row of a paginated grid as records, page by page: headers mapped by text on every page
 * (a layout change mid-run is caught), the first page's "共 N 条" declared with `ctx.expectTotal`,
 * every later page's checked against it, the rows read checked against it at the end, and every
 * page (or batch of fetched pages) a retried step, so a dropped session logs in again and re-reads.
 *
 * @example
 * async *run(ctx, { date, pageSize }) {
 *   yield* readGrid(ctx, { columns: INSPECTION_GRID, pageSize, open: (page) => new InspectionsPage(page), url: (n, size) => InspectionsPage.url(date, n, size) });
 * }
 */
export function readGrid<R>(ctx: BotContext, grid: Grid<R>, options: ReadGridOptions = {}): AsyncGenerator<R> {
  return readGrids(ctx, [grid], options);
}

/**
 * Several listings as one dataset (e.g. the day's new alerts, then the older ones still open).
 * The first page of every listing is read first: the expected total is the sum of their totals,
 * and it must be known before the first progress report (else progress says "74 / 74" and then
 * stores 105). The first pages are needed anyway, so this costs no request.
 */
export async function* readGrids<R>(ctx: BotContext, grids: Grid<R>[], options: ReadGridOptions = {}): AsyncGenerator<R> {
  const firsts: PageRead<R>[] = [];
  for (const grid of grids) firsts.push(await ctx.step(`${labelOf(grid)} page 1`, async (page) => (await readPages(ctx, page, grid, [1]))[0]!));
  const total = firsts.reduce((sum, first) => sum + first.total, 0);
  ctx.expectTotal(total);
  const report = options.progress === false ? () => undefined : (n: number) => ctx.progress(n, total);
  let done = 0;
  for (const [g, grid] of grids.entries()) {
    const stated = firsts[g]!.total;
    yield* firsts[g]!.records;
    let read = firsts[g]!.records.length;
    done += read;
    report(done);
    const pages = Math.max(1, Math.ceil(stated / grid.pageSize));
    const perStep = Math.max(1, grid.pagesPerStep ?? (grid.fetch ? 4 : 1));
    for (let from = 2; from <= pages; from += perStep) {
      const numbers = Array.from({ length: Math.min(perStep, pages - from + 1) }, (_, i) => from + i);
      const label = numbers.length > 1 ? `pages ${numbers[0]}-${numbers.at(-1)}` : `page ${from}`;
      const batch = await ctx.step(`${labelOf(grid)} ${label}`, (page) => readPages(ctx, page, grid, numbers));
      for (const [i, p] of batch.entries()) {
        checkSameTotal(grid.columns.name, stated, p.total, numbers[i]!);
        yield* p.records;
        read += p.records.length;
        done += p.records.length;
      }
      report(done);
    }
    checkReadAll(ctx.botId, stated, read);
  }
}

interface PageRead<R> {
  /** The page's "共 N 条". */
  total: number;
  records: R[];
}

const labelOf = <R>(grid: Grid<R>): string => grid.label ?? grid.columns.name;

/** Pages `numbers` of the grid: fetched where that works, navigated to where it does not. */
async function readPages<R>(ctx: BotContext, page: Page, grid: Grid<R>, numbers: number[]): Promise<PageRead<R>[]> {
  const urls = numbers.map((n) => grid.url(n, grid.pageSize));
  // A fetch from the page goes to the page's origin with its cookies: only from a portal page.
  const fetched = grid.fetch && onOrigin(page, ctx.baseUrl) ? await grid.fetch(page, urls, grid.open(page).selectors) : [];
  const out: PageRead<R>[] = [];
  for (const [i, url] of urls.entries()) {
    const f = fetched[i];
    const quick = f?.ok ? fromContent(grid, f.value, numbers[i]!) : undefined;
    if (quick) {
      out.push(quick);
      continue;
    }
    if (f) ctx.log.debug({ url, why: f.ok ? 'headers, total or a cell not as expected' : f.why }, 'reading the page by navigation');
    out.push(await navigateAndRead(ctx, page, grid, url, numbers[i]!));
  }
  return out;
}

/** A fetched page as records, or undefined when anything on it is unexpected (the navigation then says what). */
function fromContent<R>(grid: Grid<R>, c: GridContent, pageNo: number): PageRead<R> | undefined {
  const total = parseStatedTotal(c.pagerText);
  if (total === undefined) return undefined;
  if (total === 0) return { total, records: [] };
  const mapping = mapHeaders(grid.columns, c.headers);
  if (headerProblem(grid.columns, mapping)) return undefined;
  try {
    return { total, records: parseRows(grid, c.rows, mapping.fields, pageNo) };
  } catch {
    return undefined;
  }
}

/** The rendered page: `ctx.goto` classifies the answer; a changed layout is a LayoutError with evidence. */
async function navigateAndRead<R>(ctx: BotContext, page: Page, grid: Grid<R>, url: string, pageNo: number): Promise<PageRead<R>> {
  await ctx.goto(page, url);
  const view = grid.open(page);
  const total = await view.statedTotal();
  // An empty day's grid may have no header row at all: nothing to map, nothing to read.
  if (total === 0) return { total, records: [] };
  const { table } = view.selectors;
  const mapping = mapHeaders(grid.columns, await view.headers());
  const problem = headerProblem(grid.columns, mapping);
  if (problem) throw new LayoutError(`${table} thead th`, page.url(), problem);
  const rows = await view.rows();
  try {
    return { total, records: parseRows(grid, rows, mapping.fields, pageNo) };
  } catch (err) {
    throw new LayoutError(`${table} tbody`, page.url(), (err as Error).message);
  }
}

function parseRows<R>(grid: Grid<R>, rows: string[][], fields: HeaderMapping<R>['fields'], pageNo: number): R[] {
  const before = (pageNo - 1) * grid.pageSize;
  return rows.map((cells, i) => parseRow(grid.columns, cells, fields, before + i + 1));
}

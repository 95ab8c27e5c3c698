// The detail page's record tabs — 变更记录, 经营异常信息, 严重违法失信信息 — read the same way on
// both paths (fetched documents, rendered pages): each path only says how to read one page
// (`TabPageReader`); which pages to read and how to check them is decided here, once.
//
// Only what is there is read: a tab whose label states 0 entries costs no request, a tab the
// detail page does not have is left out of the record (absent, not empty). 变更记录's first page
// is on the detail page itself; further pages, and the list tabs, are followed by their pager's
// next-page link until the rows stated ("共 N 条") are all read.

import type { RegistryChange, RegistryListEntry } from '../records';
import { PortalError } from '../sdk';
import { parseStatedTotal } from '../sdk/stated-total';
import { parseChanges, parseListEntries, parseTabCount, type ParseOutcome } from './parse';
import type { RecordTab } from './pages/selectors';

/** One page of a record tab: its table, its "共 N 条" and the next page's URL (absolute), if any. */
export interface TabPageContent {
  hasPanel: boolean;
  headers: string[];
  rows: string[][];
  summary: string | null;
  next: string | null;
}

/** Reads (and keeps) page `pageNo` of `tab` at `url`. */
export type TabPageReader = (tab: RecordTab, url: string, pageNo: number) => Promise<TabPageContent>;

/** What the detail page says of its record tabs. */
export interface DetailTabs {
  /** 变更记录's first page, in the detail page. */
  changes: TabPageContent;
  /** The list tabs' links with their stated counts; null when the page has no such tab. */
  abnormal: { href: string; countText: string } | null;
  violations: { href: string; countText: string } | null;
}

export interface RecordTabsRead {
  changes: RegistryChange[];
  abnormalOperations?: RegistryListEntry[];
  seriousViolations?: RegistryListEntry[];
}

/** Safety net against a pager that never ends (a portal bug): no company has this many pages of one tab. */
const MAX_TAB_PAGES = 500;

/**
 * Every record of the company's tabs. A page that lacks what it should show is a `problem` (the
 * fetch path hands the lookup to rendering, the rendered path raises LayoutError); rows that do
 * not add up to the stated total are a PortalError (retried, like a short page).
 */
export async function readRecordTabs(code: string, detail: DetailTabs, readPage: TabPageReader): Promise<ParseOutcome<RecordTabsRead>> {
  const changes = await allRows(code, 'changes', detail.changes, readPage, parseChanges);
  if (!changes.ok) return changes;
  const out: RecordTabsRead = { changes: changes.value };
  for (const [tab, field] of [['abnormal', 'abnormalOperations'], ['violations', 'seriousViolations']] as const) {
    const link = detail[tab];
    if (!link) continue;
    const count = parseTabCount(link.countText);
    if (count === 0) {
      out[field] = [];
      continue;
    }
    const first = await readPage(tab, link.href, 1);
    const entries = await allRows(code, tab, first, readPage, parseListEntries);
    if (!entries.ok) return entries;
    if (count !== undefined && entries.value.length !== count) throw new PortalError(`${tab} of ${code}: tab label states ${count}, its pages hold ${entries.value.length}`);
    out[field] = entries.value;
  }
  return { ok: true, value: out };
}

/** The rows of every page of one tab from its first page on, parsed, checked against the stated total. */
async function allRows<T>(
  code: string, tab: RecordTab, first: TabPageContent, readPage: TabPageReader,
  parse: (headers: string[], rows: string[][]) => ParseOutcome<T[]>,
): Promise<ParseOutcome<T[]>> {
  const stated = first.summary === null ? undefined : parseStatedTotal(first.summary);
  if (!first.hasPanel || stated === undefined) return { ok: false, problem: `${tab} tab has no panel with its "共 N 条"` };
  const out: T[] = [];
  let page = first;
  for (let pageNo = 1; ; pageNo++) {
    const parsed = parse(page.headers, page.rows);
    if (!parsed.ok) return { ok: false, problem: `${tab} page ${pageNo}: ${parsed.problem}` };
    out.push(...parsed.value);
    if (!page.next || out.length >= stated) break;
    if (pageNo >= MAX_TAB_PAGES) throw new PortalError(`${tab} of ${code}: more than ${MAX_TAB_PAGES} pages`);
    page = await readPage(tab, page.next, pageNo + 1);
    if (!page.hasPanel) return { ok: false, problem: `${tab} page ${pageNo + 1} has no panel` };
    const later = page.summary === null ? undefined : parseStatedTotal(page.summary);
    if (later !== stated) throw new PortalError(`${tab} of ${code}: page ${pageNo + 1} states ${later ?? 'no'} total, page 1 stated ${stated}`);
  }
  if (out.length !== stated) throw new PortalError(`${tab} of ${code}: ${out.length} rows, page states ${stated}`);
  return { ok: true, value: out };
}

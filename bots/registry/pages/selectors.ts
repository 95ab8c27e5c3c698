// The registry's selectors, in one place: the page objects (rendered pages) and the document
// reader (fetched, unrendered documents) must read exactly the same elements.

/** The detail page's record tabs (变更记录 / 经营异常信息 / 严重违法失信信息), by the id the registry gives them. */
export type RecordTab = 'changes' | 'abnormal' | 'violations';
export const RECORD_TAB_IDS: readonly RecordTab[] = ['changes', 'abnormal', 'violations'];

/**
 * One record tab's elements, the same on the detail page (变更记录's first page is in it) and on
 * the tab's own pages: its link in the tab bar with the count it states (`经营异常信息（3）`), its
 * panel with the table, the "共 N 条" under it and the pager's next-page link when it is paged.
 */
export function recordTabSelectors(tab: RecordTab) {
  const panel = `#tab-${tab}`;
  return {
    link: `#tab-link-${tab}`,
    count: `#tab-link-${tab} .tab-count`,
    panel,
    headers: `${panel} thead th`,
    rows: `${panel} tbody tr`,
    summary: `${panel} .summary`,
    next: `${panel} .tab-pager a[rel="next"]`,
  } as const;
}
export type RecordTabSelectors = ReturnType<typeof recordTabSelectors>;

const CHANGES = recordTabSelectors('changes');

export const SELECTORS = {
  /** "未查询到…": on the search page for an unknown code, on the detail page for a vanished company. */
  noResult: '#no-result',
  resultList: '#result-list',
  resultRows: '#result-list tbody tr',
  resultCode: '.uscc',
  resultLink: 'a.company-link',
  baseRows: '#base-info tr',
  changesTab: CHANGES.link,
  changesPanel: CHANGES.panel,
  changeHeaders: CHANGES.headers,
  changeRows: CHANGES.rows,
  changeSummary: CHANGES.summary,
} as const;

export type RegistrySelectors = typeof SELECTORS;

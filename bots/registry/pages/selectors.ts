// The registry's selectors, in one place: the page objects (rendered pages) and the document
// reader (fetched, unrendered documents) must read exactly the same elements.

export const SELECTORS = {
  /** "未查询到…": on the search page for an unknown code, on the detail page for a vanished company. */
  noResult: '#no-result',
  resultList: '#result-list',
  resultRows: '#result-list tbody tr',
  resultCode: '.uscc',
  resultLink: 'a.company-link',
  baseRows: '#base-info tr',
  changesTab: '#tab-link-changes',
  changesPanel: '#tab-changes',
  changeHeaders: '#tab-changes thead th',
  changeRows: '#tab-changes tbody tr',
  changeSummary: '#tab-changes .summary',
} as const;

export type RegistrySelectors = typeof SELECTORS;

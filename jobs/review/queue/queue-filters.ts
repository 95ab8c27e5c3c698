import type { CaseState, Severity } from '../../runtime/db';

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const STATES: readonly CaseState[] = ['open', 'proposed', 'confirmed', 'dismissed', 'resolved', 'superseded'];
/** What 我的待办 shows unless a state is chosen: cases still waiting for someone. */
export const WAITING_STATES: readonly CaseState[] = ['open', 'proposed'];
export const PAGE_SIZE = 50;
/** Deeper pages than this are refused (OFFSET cost grows with the page); filters narrow instead. */
export const MAX_PAGE = 2_000;

/** 我的待办's filters, checked (review-workbench.md, web app). */
export interface QueueFilters {
  branch?: string;
  severity?: Severity;
  field?: string;
  /** One state, or the waiting states when unset. */
  state?: CaseState;
  /** `overdue`: due before today; `today`: due today or earlier; unset: any due date. */
  due?: 'overdue' | 'today';
  /** 1-based. */
  page: number;
}

const one = (query: Record<string, unknown>, key: string): string => {
  const v = query[key];
  return typeof v === 'string' ? v.trim() : '';
};

/**
 * Reads the queue's filters from a query string, dropping values that are not one of the known
 * ones (a hand-edited URL shows the unfiltered queue rather than an error page).
 *
 * @example parseQueueFilters({ severity: 'high', page: '2' }) // { severity: 'high', page: 2 }
 */
export function parseQueueFilters(query: Record<string, unknown>): QueueFilters {
  const filters: QueueFilters = { page: 1 };
  const severity = one(query, 'severity');
  if ((SEVERITIES as readonly string[]).includes(severity)) filters.severity = severity as Severity;
  const state = one(query, 'state');
  if ((STATES as readonly string[]).includes(state)) filters.state = state as CaseState;
  const due = one(query, 'due');
  if (due === 'overdue' || due === 'today') filters.due = due;
  const branch = one(query, 'branch');
  if (branch && branch.length <= 64) filters.branch = branch;
  const field = one(query, 'field');
  if (/^[A-Za-z]{1,40}$/.test(field)) filters.field = field;
  const page = Number(one(query, 'page'));
  if (Number.isInteger(page) && page >= 1) filters.page = Math.min(page, MAX_PAGE);
  return filters;
}

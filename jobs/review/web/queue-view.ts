import { DUE_LABELS, FIELD_LABELS, SEVERITY_LABELS, STATE_LABELS } from '../../../templates/web/review/labels';
import type { Notice, Option, Pager, QueueView } from '../../../templates/web/review/view-models';
import type { Reviewer } from '../decisions';
import type { QueueFilters, QueuePage, QueueRow } from '../queue';
import { caseHref } from './review-links';
import { fieldLabel, overdueText, severityClass, severityLabel } from './labels-of';

const options = (labels: Record<string, string>, selected: string | undefined): Option[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label, selected: value === selected }));

/** The query string of the same filters on another page. */
export function pageHref(base: string, filters: Record<string, string | number | undefined>, page: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '' && k !== 'page') q.set(k, String(v));
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

export function pagerOf(base: string, filters: Record<string, string | number | undefined>, page: QueuePage<unknown>): Pager {
  return {
    page: page.page,
    pages: page.pages,
    total: page.total,
    ...(page.page > 1 ? { prevHref: pageHref(base, filters, page.page - 1) } : {}),
    ...(page.page < page.pages ? { nextHref: pageHref(base, filters, page.page + 1) } : {}),
  };
}

/** 我的待办's view: the user's branches as a choice when they have a list, else free text. */
export function queueView(reviewer: Reviewer, filters: QueueFilters, page: QueuePage<QueueRow>, notice?: Notice): QueueView {
  const branches = reviewer.role !== 'admin' && reviewer.branches.length > 0 ? reviewer.branches : undefined;
  return {
    ...(notice ? { notice } : {}),
    filters: {
      branch: branches ? branches.map((b) => ({ value: b, label: b, selected: b === filters.branch })) : (filters.branch ?? ''),
      severity: options(SEVERITY_LABELS, filters.severity),
      field: options(FIELD_LABELS, filters.field),
      state: options(STATE_LABELS, filters.state),
      due: options(DUE_LABELS, filters.due),
    },
    rows: page.rows.map((r) => ({
      href: caseHref(r.id),
      id: r.id,
      accountNo: r.accountNo,
      name: r.name,
      fieldLabel: fieldLabel(r.field),
      branch: r.branch,
      severityLabel: severityLabel(r.severity),
      severityClass: severityClass(r.severity),
      stateLabel: STATE_LABELS[r.state],
      bankValue: r.bankValue,
      registryValue: r.registryValue,
      dueOn: r.dueOn,
      ...(r.overdue ? { overdueText: overdueText(true, r.overdueWorkingDays) } : {}),
      escalated: r.escalated,
    })),
    pager: pagerOf('/', { ...filters }, page),
  };
}

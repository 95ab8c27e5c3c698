import type { ChangeRequestView } from './change-request-section';
/**
 * The review pages' view models: everything decided by jobs/review/web (labels, links, which
 * buttons the role gets); the templates only lay them out and escape.
 */

/** A page's notice after a redirect, or the refusal of a form. */
export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface Option {
  value: string;
  label: string;
  selected: boolean;
}

export interface Pager {
  page: number;
  pages: number;
  total: number;
  prevHref?: string;
  nextHref?: string;
}

export interface QueueRowView {
  href: string;
  id: number;
  accountNo: string;
  name: string;
  fieldLabel: string;
  branch: string;
  severityLabel: string;
  /** CSS class of the severity colour: sev-critical … sev-low. */
  severityClass: string;
  stateLabel: string;
  bankValue: string;
  registryValue: string;
  dueOn: string;
  /** e.g. 逾期 3 个工作日; absent when not overdue. */
  overdueText?: string;
  escalated: boolean;
}

export interface QueueView {
  notice?: Notice;
  filters: { branch: Option[] | string; severity: Option[]; field: Option[]; state: Option[]; due: Option[] };
  rows: QueueRowView[];
  pager: Pager;
}

/** One side of the comparison: runs of text, `changed` where it differs from the other side. */
export interface DiffSegment {
  text: string;
  changed: boolean;
}

export interface DecisionView {
  when: string;
  who: string;
  kindLabel: string;
  /** The action chosen or the reason code. */
  detail: string;
  comment: string;
  statusLabel: string;
  /** `李（复核）于 …：意见` */
  review?: string;
}

export interface CaseView {
  id: number;
  version: number;
  csrfToken: string;
  notice?: Notice;
  accountNo: string;
  name: string;
  uscc: string;
  fieldLabel: string;
  branch: string;
  severityLabel: string;
  severityClass: string;
  stateLabel: string;
  escalated: boolean;
  dueOn: string;
  overdueText?: string;
  message: string;
  bank: DiffSegment[];
  registry: DiffSegment[];
  similarityText?: string;
  /** 变更记录: the registry's change of this field and how late the customer is. */
  change?: { changedOn: string; reportDueOn: string; overdueText: string };
  screenshot?: { href: string };
  /** 变更申请 (write-back): only for a field core banking's change screen can write. */
  writeBack?: ChangeRequestView;
  pages: { url: string; href: string; sha256: string; fetchedAt: string }[];
  decisions: DecisionView[];
  runs: { runId: string; href: string; statusLabel: string; when: string }[];
  history: { href: string; id: number; fieldLabel: string; stateLabel: string; bankValue: string; registryValue: string; openedBy: string; decisions: string }[];
  /** Forms the user's role allows on this case now; none for a viewer. */
  actions: {
    propose?: { remediationActions: Option[]; reasonCodes: string[]; needsChecker: boolean };
    escalate: boolean;
    answer?: { kindLabel: string; detail: string; comment: string; proposedBy: string };
    /** Why a checker sees no approve button (their own proposal). */
    ownProposal?: boolean;
  };
  /** What the refused form said, shown again so the user need not retype it. */
  comment?: string;
}

export interface ReviewRowView {
  href: string;
  caseId: number;
  version: number;
  accountNo: string;
  name: string;
  fieldLabel: string;
  branch: string;
  severityLabel: string;
  severityClass: string;
  kindLabel: string;
  detail: string;
  comment: string;
  proposedBy: string;
  proposedAt: string;
  dueOn: string;
  overdue: boolean;
  escalated: boolean;
}

export interface ReviewView {
  csrfToken: string;
  notice?: Notice;
  rows: ReviewRowView[];
  pager: Pager;
}

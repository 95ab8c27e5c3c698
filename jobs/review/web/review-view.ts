import { KIND_LABELS } from '../../../templates/web/review/labels';
import type { Notice, ReviewView } from '../../../templates/web/review/view-models';
import type { QueuePage, ReviewRow } from '../queue';
import { fieldLabel, severityClass, severityLabel } from './labels-of';
import { pagerOf } from './queue-view';
import { caseHref, shanghaiTime } from './review-links';

export function reviewView(page: QueuePage<ReviewRow>, csrfToken: string, notice?: Notice): ReviewView {
  return {
    csrfToken,
    ...(notice ? { notice } : {}),
    rows: page.rows.map((r) => ({
      href: caseHref(r.caseId),
      caseId: r.caseId,
      version: r.caseVersion,
      accountNo: r.accountNo,
      name: r.name,
      fieldLabel: fieldLabel(r.field),
      branch: r.branch,
      severityLabel: severityLabel(r.severity),
      severityClass: severityClass(r.severity),
      kindLabel: KIND_LABELS[r.kind],
      detail: (r.kind === 'confirm' ? r.action : r.reasonCode) ?? '',
      comment: r.comment,
      proposedBy: r.proposedBy,
      proposedAt: shanghaiTime(r.proposedAt),
      dueOn: r.dueOn,
      overdue: r.overdue,
      escalated: r.escalated,
    })),
    pager: pagerOf('/review', {}, page),
  };
}

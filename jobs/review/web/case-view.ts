import { DECISION_STATUS_LABELS, FLAG_STATUS_LABELS, KIND_LABELS, STATE_LABELS } from '../../../templates/web/review/labels';
import type { CaseView, DecisionView, Notice } from '../../../templates/web/review/view-models';
import type { Decision } from '../../runtime/db';
import {
  coversBranch,
  ESCALATABLE,
  mayAnswer,
  mayEscalate,
  mayPropose,
  needsChecker,
  PROPOSABLE,
  REASON_CODES,
  REMEDIATION_ACTIONS,
  suggestedAction,
  type ReviewPolicy,
  type Reviewer,
} from '../decisions';
import type { CasePageData } from '../queue';
import { fieldLabel, overdueText, severityClass, severityLabel } from './labels-of';
import { caseHref, shanghaiTime, type ReviewLinks } from './review-links';
import { markDifferences } from './text-diff';

function decisionView(d: Decision): DecisionView {
  return {
    when: shanghaiTime(d.proposed_at),
    who: d.proposed_by,
    kindLabel: KIND_LABELS[d.kind],
    detail: d.action ?? d.reason_code ?? '',
    comment: d.comment,
    statusLabel: d.kind === 'escalate' ? '已升级' : DECISION_STATUS_LABELS[d.status],
    ...(d.reviewed_by ? { review: `${d.reviewed_by} 于 ${d.reviewed_at ? shanghaiTime(d.reviewed_at) : ''}${d.review_comment ? `：${d.review_comment}` : ''}` } : {}),
  };
}

/**
 * The case page's view: which forms the user gets follows the same rules the decisions enforce
 * (reviewer.ts), so a button is never shown that would only be refused. A viewer gets none.
 */
export function caseView(input: {
  data: CasePageData;
  reviewer: Reviewer;
  policy: ReviewPolicy;
  links: ReviewLinks;
  csrfToken: string;
  notice?: Notice;
  comment?: string;
}): CaseView {
  const { data, reviewer, policy, links } = input;
  const c = data.case;
  const inScope = coversBranch(reviewer, c.branch);
  const pending = data.pending;
  const diff = markDifferences(c.bank_value, c.registry_value);
  const flag = data.flag;
  const suggested = suggestedAction(c.field, c.severity);
  return {
    id: c.id,
    version: c.version,
    csrfToken: input.csrfToken,
    ...(input.notice ? { notice: input.notice } : {}),
    ...(input.comment ? { comment: input.comment } : {}),
    accountNo: c.account_no,
    name: flag.name,
    uscc: flag.uscc,
    fieldLabel: fieldLabel(c.field),
    branch: c.branch,
    severityLabel: severityLabel(c.severity),
    severityClass: severityClass(c.severity),
    stateLabel: STATE_LABELS[c.state],
    escalated: c.escalated_at !== null,
    dueOn: c.due_on,
    ...(data.overdue ? { overdueText: overdueText(true, data.overdueWorkingDays) } : {}),
    message: flag.message,
    bank: diff.bank,
    registry: diff.registry,
    ...(flag.similarity !== undefined ? { similarityText: `地址相似度 ${Math.round(flag.similarity * 100)}%` } : {}),
    ...(flag.changedOn && flag.reportDueOn
      ? {
          change: {
            changedOn: flag.changedOn,
            reportDueOn: flag.reportDueOn,
            overdueText: flag.overdueWorkingDays ? `逾期 ${flag.overdueWorkingDays} 个工作日` : '未逾期',
          },
        }
      : {}),
    ...(flag.screenshot ? { screenshot: { href: links.runFile(data.evidenceRun, flag.screenshot) } } : {}),
    pages: flag.pages.map((p) => ({ url: p.url || p.file, href: links.runFile(data.evidenceRun, p.file), sha256: p.sha256, fetchedAt: p.fetchedAt })),
    decisions: data.decisions.map(decisionView),
    runs: data.runs.map((r) => ({ runId: r.run_id, href: links.run(r.run_id), statusLabel: FLAG_STATUS_LABELS[r.flag_status], when: shanghaiTime(r.attached_at) })),
    history: data.accountHistory.map((h) => ({
      href: caseHref(h.case.id),
      id: h.case.id,
      fieldLabel: fieldLabel(h.case.field),
      stateLabel: STATE_LABELS[h.case.state],
      bankValue: h.case.bank_value,
      registryValue: h.case.registry_value,
      openedBy: h.case.opened_by_run,
      decisions: h.decisions.map((d) => `${KIND_LABELS[d.kind]}（${d.proposed_by}，${DECISION_STATUS_LABELS[d.status]}）${d.action ?? d.reason_code ?? ''}`).join('；'),
    })),
    actions: {
      ...(inScope && mayPropose(reviewer) && PROPOSABLE.includes(c.state)
        ? { propose: { remediationActions: REMEDIATION_ACTIONS.map((a) => ({ value: a, label: a, selected: a === suggested })), reasonCodes: [...REASON_CODES], needsChecker: needsChecker(policy, c.severity) } }
        : {}),
      escalate: inScope && mayEscalate(reviewer) && ESCALATABLE.includes(c.state),
      ...(inScope && mayAnswer(reviewer) && c.state === 'proposed' && pending && pending.proposed_by !== reviewer.name
        ? { answer: { kindLabel: KIND_LABELS[pending.kind], detail: pending.action ?? pending.reason_code ?? '', comment: pending.comment, proposedBy: pending.proposed_by } }
        : {}),
      ...(mayAnswer(reviewer) && c.state === 'proposed' && pending?.proposed_by === reviewer.name ? { ownProposal: true } : {}),
    },
  };
}

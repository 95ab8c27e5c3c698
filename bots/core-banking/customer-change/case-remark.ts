/**
 * The remark a change request carries: the case id in a bracketed token the pending-request
 * search finds again (`[case:12]` never matches inside `[case:123]`), and the approval id so the
 * bank's back office sees who approved it.
 *
 * @example
 * caseRemark('12', '7')  // 'opsbot 年检差异更正 [case:12] [approval:7]'
 */
export function caseToken(caseId: string): string {
  return `[case:${caseId}]`;
}

export function caseRemark(caseId: string, approvalId?: string): string {
  return `opsbot 年检差异更正 ${caseToken(caseId)}${approvalId ? ` [approval:${approvalId}]` : ''}`;
}

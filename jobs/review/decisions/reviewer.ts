import type { Role } from '../../runtime/db';

/** Who acts on a case: a logged-in user as the web shell knows them. */
export interface Reviewer {
  name: string;
  role: Role;
  /** 开户网点 they work for; empty = all branches (review-workbench.md, Who). */
  branches: readonly string[];
}

/** Admins act on every branch; everyone else on their own list, where an empty list means all. */
export function coversBranch(reviewer: Reviewer, branch: string): boolean {
  return reviewer.role === 'admin' || reviewer.branches.length === 0 || reviewer.branches.includes(branch);
}

/** The branches a query must be limited to, or undefined for all. */
export function branchScope(reviewer: Reviewer): readonly string[] | undefined {
  return reviewer.role === 'admin' || reviewer.branches.length === 0 ? undefined : reviewer.branches;
}

/** Clerks propose; admins may do everything. */
export const mayPropose = (r: Reviewer): boolean => r.role === 'clerk' || r.role === 'admin';
/** Checkers answer proposals (never their own: see answer-proposal.ts). */
export const mayAnswer = (r: Reviewer): boolean => r.role === 'checker' || r.role === 'admin';
/** "Anyone with the right": everyone but a viewer. */
export const mayEscalate = (r: Reviewer): boolean => r.role !== 'viewer';

import type { CaseState } from '../../runtime/db';
import { caseKey, type RunFlag, type RunFlagStatus } from './run-cases';

/** A case that is the live one of its (account, field), as the plan needs it. */
export interface LiveCase {
  id: number;
  accountNo: string;
  field: string;
  state: CaseState;
  fingerprint: string;
  /** The last day a dismissal holds (dismissed cases only; null otherwise). */
  dismissalValidUntil: string | null;
}

/** What the run does with one flag. */
export type FlagStep =
  | { kind: 'create'; flag: RunFlag }
  | { kind: 'attach'; flag: RunFlag; caseId: number; status: Exclude<RunFlagStatus, 'new'> }
  | { kind: 'supersede'; flag: RunFlag; old: LiveCase; reason: 'valuesChanged' | 'dismissalExpired' };

export interface RunPlan {
  /** One per flag, in the flags' order. */
  steps: FlagStep[];
  /** Open / proposed / confirmed cases the run judged and no longer flags. */
  resolve: LiveCase[];
}

const ATTACH_STATUS: Partial<Record<CaseState, Exclude<RunFlagStatus, 'new' | 'dismissed'>>> = { open: 'recurring', proposed: 'recurring', confirmed: 'confirmed' };
const RESOLVABLE: ReadonlySet<CaseState> = new Set(['open', 'proposed', 'confirmed']);

/**
 * The spec's table (review-workbench.md, "What each run of the annual review does to cases"),
 * decided without touching the database:
 * - flag, no live case → a new case;
 * - flag, same fingerprint, case open / proposed / confirmed → the run is attached (recurring / confirmed);
 * - flag, same fingerprint, case dismissed and the dismissal still holds → no new case (dismissed);
 *   a dismissal past its expiry is treated like changed values: the old case closes, a new one opens;
 * - flag, other fingerprint → the old case is superseded, a new one opens;
 * - no flag, case open / proposed / confirmed, and the run judged that field of that account → resolved.
 * A dismissed case the run does not flag stays as it is (nothing to decide).
 *
 * `covers` says whether the run judged (account, field) at all: an account the run did not look up
 * (not in its input, registry unreachable) or a field it could not compare resolves nothing.
 */
export function planRun(flags: readonly RunFlag[], live: readonly LiveCase[], today: string, covers: (accountNo: string, field: string) => boolean): RunPlan {
  const byKey = new Map(live.map((c) => [caseKey(c.accountNo, c.field), c]));
  const flagged = new Set<string>();
  const steps = flags.map((flag): FlagStep => {
    const key = caseKey(flag.accountNo, flag.field);
    if (flagged.has(key)) throw new Error(`two flags for account ${flag.accountNo}, field ${flag.field} in one run: a run flags each (account, field) once`);
    flagged.add(key);
    const current = byKey.get(key);
    if (!current) return { kind: 'create', flag };
    if (current.fingerprint !== flag.fingerprint) return { kind: 'supersede', flag, old: current, reason: 'valuesChanged' };
    if (current.state === 'dismissed') {
      const holds = current.dismissalValidUntil === null || current.dismissalValidUntil >= today;
      return holds ? { kind: 'attach', flag, caseId: current.id, status: 'dismissed' } : { kind: 'supersede', flag, old: current, reason: 'dismissalExpired' };
    }
    const status = ATTACH_STATUS[current.state];
    if (!status) throw new Error(`case ${current.id} is ${current.state}, not a live state`);
    return { kind: 'attach', flag, caseId: current.id, status };
  });
  const resolve = live.filter((c) => RESOLVABLE.has(c.state) && !flagged.has(caseKey(c.accountNo, c.field)) && covers(c.accountNo, c.field));
  return { steps, resolve };
}

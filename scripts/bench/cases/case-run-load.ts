import type { Kysely } from 'kysely';
import { applyRunToCases, caseFingerprint, type RunFlag } from '../../../jobs/review/cases';
import type { Database, Severity } from '../../../jobs/runtime/db';

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];
const SLA = { slaWorkingDays: { critical: 1, high: 5, medium: 20, low: 60 }, dismissalExpiryDays: 365 };
const normalise = (v: string | null) => v ?? '';

/** A flag shaped like the annual review's, with its evidence block (what the ledger stores). */
function loadFlag(i: number, registryValue: string): RunFlag {
  const accountNo = String(6_222_000_000 + i);
  const bankValue = `甘肃省兰州市城关区张掖路${i}号`;
  return {
    accountNo, field: 'address', severity: SEVERITIES[i % 4]!, branch: `网点${i % 40}`, bankValue, registryValue,
    fingerprint: caseFingerprint({ bankValue, registryValue }, { normalise }),
    flag: {
      accountNo, uscc: '91620100MA0000000X', name: `兰州某某商贸有限公司${i}`, field: 'address', severity: SEVERITIES[i % 4]!, bankValue, registryValue,
      rule: 'address.differs', message: `注册地址不一致：银行记录“${bankValue}”，登记为“${registryValue}”。`, status: 'new',
      evidence: { pages: [{ url: `http://registry.local/detail/${i}`, file: `evidence/pages/${i}.html.gz`, sha256: 'a'.repeat(64), fetchedAt: '2026-11-20T08:00:00.000Z' }], screenshot: `evidence/${i}.png` },
    },
  };
}

export interface CaseRunFigure {
  flags: number;
  /** A first run: every flag opens a case. */
  firstRunMs: number;
  /** The next run: 90 % recurring, 5 % with a changed registry value (superseded), 5 % fixed (resolved), 5 % new accounts. */
  nextRunMs: number;
  next: { new: number; recurring: number; superseded: number; resolved: number };
}

/**
 * Applies two runs of `flags` flags to the cases of a fresh job name in `db` and times each
 * applyRunToCases (issue #18, item 8: a 10,000-account run's flags under 5 s).
 */
export async function measureCaseRuns(db: Kysely<Database>, flags: number, job = `bench-cases-${Date.now()}`): Promise<CaseRunFigure> {
  const first = Array.from({ length: flags }, (_, i) => loadFlag(i, `甘肃省兰州市七里河区${i}号`));
  let started = performance.now();
  await applyRunToCases(db, { job, runId: `${job}/1`, flags: first, today: '2026-11-20', config: SLA });
  const firstRunMs = Math.round(performance.now() - started);
  const twentieth = Math.floor(flags / 20);
  const next = [
    ...first.slice(0, flags - 2 * twentieth),
    ...Array.from({ length: twentieth }, (_, k) => loadFlag(flags - 2 * twentieth + k, `甘肃省兰州市安宁区${k}号`)),
    ...Array.from({ length: twentieth }, (_, k) => loadFlag(flags + k, `甘肃省兰州市西固区${k}号`)),
  ];
  started = performance.now();
  const result = await applyRunToCases(db, { job, runId: `${job}/2`, flags: next, today: '2026-11-21', config: SLA });
  const nextRunMs = Math.round(performance.now() - started);
  return {
    flags, firstRunMs, nextRunMs,
    next: {
      new: result.flags.filter((f) => f.status === 'new').length,
      recurring: result.flags.filter((f) => f.status === 'recurring').length,
      superseded: result.superseded,
      resolved: result.resolved.length,
    },
  };
}

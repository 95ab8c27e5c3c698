import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Severity } from '../../../jobs/runtime/db';
import { applyRunToCases, caseFingerprint, type ApplyRunInput, type RunFlag } from '../../../jobs/review/cases';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';

const SLA = { slaWorkingDays: { critical: 1, high: 5, medium: 20, low: 60 }, dismissalExpiryDays: 365 };
const normalise = (v: string | null) => (v ?? '').replace(/\s+/g, '');

function flag(accountNo: string, field: string, bankValue: string | null, registryValue: string, severity: Severity = 'high'): RunFlag {
  return {
    accountNo, field, severity, branch: '兰州分行', bankValue, registryValue,
    fingerprint: caseFingerprint({ bankValue, registryValue }, { normalise, registryOnly: field === 'status' }),
    flag: { accountNo, field, bankValue, registryValue, message: `${field} differs` },
  };
}

let t: TestDatabase;
beforeAll(async () => {
  t = await startTestDatabase();
});
afterAll(() => t?.close());

let jobCount = 0;
/** Each test its own job name: the same database, no shared cases. */
function ledger() {
  const job = `job-${++jobCount}`;
  let runs = 0;
  return {
    job,
    apply: (flags: RunFlag[], extra: Partial<ApplyRunInput> = {}) => applyRunToCases(t.db, { job, runId: `${job}/run-${++runs}`, flags, today: '2025-09-30', config: SLA, ...extra }),
    cases: () => t.db.selectFrom('cases').selectAll().where('source_job', '=', job).orderBy('id').execute(),
    audit: (action: string) => t.db.selectFrom('audit').selectAll().where('action', '=', action).where(sql<boolean>`after->>'runId' LIKE ${`${job}/%`}`).orderBy('id').execute(),
  };
}

describe('applyRunToCases: the run table of review-workbench.md', () => {
  it('flag, no case: opens a case, due in working days by severity on the business calendar', async () => {
    const l = ledger();
    const result = await l.apply([flag('001', 'name', '甲公司', '乙公司', 'high'), flag('002', 'status', null, '注销', 'critical')]);
    expect(result.flags.map((f) => f.status)).toEqual(['new', 'new']);
    const cases = await l.cases();
    expect(cases.map((c) => [c.id, c.state, c.severity, c.due_on, c.opened_by_run])).toEqual([
      [result.flags[0]!.caseId, 'open', 'high', '2025-10-14', `${l.job}/run-1`],
      // 1 Oct – 8 Oct are the National Day holiday: the next working day is 9 Oct.
      [result.flags[1]!.caseId, 'open', 'critical', '2025-10-09', `${l.job}/run-1`],
    ]);
    const created = await l.audit('case.created');
    expect(created.map((a) => [a.actor, a.subject])).toEqual(cases.map((c) => ['system', `case:${c.id}`]));
    const runs = await t.db.selectFrom('case_runs').selectAll().where('run_id', '=', `${l.job}/run-1`).execute();
    expect(runs.map((r) => r.flag_status).sort()).toEqual(['new', 'new']);
  });

  it('a second run of the same data: recurring for open / proposed, confirmed for confirmed, no new case; cosmetic edits keep the fingerprint', async () => {
    const l = ledger();
    const first = await l.apply([flag('001', 'name', '甲公司', '乙公司'), flag('002', 'address', '北京市 海淀区', '北京市朝阳区', 'medium'), flag('003', 'name', 'A', 'B')]);
    await t.owner.updateTable('cases').set({ state: 'proposed' }).where('id', '=', first.flags[1]!.caseId).execute();
    await t.owner.updateTable('cases').set({ state: 'confirmed' }).where('id', '=', first.flags[2]!.caseId).execute();
    const second = await l.apply([flag('001', 'name', '甲公司', '乙公司'), flag('002', 'address', '北京市海淀区', '北京市 朝阳区', 'medium'), flag('003', 'name', 'A', 'B')]);
    expect(second.flags).toEqual([
      { status: 'recurring', caseId: first.flags[0]!.caseId },
      { status: 'recurring', caseId: first.flags[1]!.caseId },
      { status: 'confirmed', caseId: first.flags[2]!.caseId },
    ]);
    expect(await l.cases()).toHaveLength(3);
    const attached = await t.db.selectFrom('case_runs').select(['case_id', 'flag_status']).where('run_id', '=', `${l.job}/run-2`).orderBy('case_id').execute();
    expect(attached.map((r) => r.flag_status)).toEqual(['recurring', 'recurring', 'confirmed']);
  });

  it('flag, case dismissed with the same fingerprint and the dismissal valid: no new case, status dismissed with its caseId', async () => {
    const l = ledger();
    const first = await l.apply([flag('001', 'legalRepresentative', '张三', '李四')]);
    const id = first.flags[0]!.caseId;
    await t.owner.updateTable('cases').set({ state: 'dismissed', dismissed_until: '2026-09-30' }).where('id', '=', id).execute();
    const second = await l.apply([flag('001', 'legalRepresentative', '张三', '李四')]);
    expect(second.flags).toEqual([{ status: 'dismissed', caseId: id }]);
    const cases = await l.cases();
    expect(cases.map((c) => [c.id, c.state])).toEqual([[id, 'dismissed']]);
    expect(await l.audit('case.created')).toHaveLength(1);
  });

  it('a dismissal past its expiry (its own end day, or the configured days from when it took effect) makes a new case', async () => {
    const l = ledger();
    const first = await l.apply([flag('001', 'name', 'A', 'B'), flag('002', 'name', 'C', 'D')]);
    await t.owner.updateTable('cases').set({ state: 'dismissed', dismissed_until: '2025-09-29' }).where('id', '=', first.flags[0]!.caseId).execute();
    await t.owner.updateTable('cases').set({ state: 'dismissed', dismissed_until: null, updated_at: '2024-09-01T00:00:00Z' }).where('id', '=', first.flags[1]!.caseId).execute();
    const second = await l.apply([flag('001', 'name', 'A', 'B'), flag('002', 'name', 'C', 'D')]);
    expect(second.flags.map((f) => f.status)).toEqual(['new', 'new']);
    const cases = await l.cases();
    expect(cases.map((c) => c.state)).toEqual(['superseded', 'superseded', 'open', 'open']);
    const superseded = await l.audit('case.superseded');
    expect(superseded.map((a) => (a.after as { reason: string }).reason)).toEqual(['dismissalExpired', 'dismissalExpired']);
  });

  it('flag with another fingerprint (the registry value changed): the old case, whatever its state, is superseded and a new one opens', async () => {
    const l = ledger();
    const first = await l.apply([flag('001', 'name', '甲公司', '乙公司'), flag('002', 'status', null, '吊销', 'critical')]);
    await t.owner.updateTable('cases').set({ state: 'dismissed', dismissed_until: '2026-09-30' }).where('id', '=', first.flags[0]!.caseId).execute();
    // The bank side of a registry-only field is no part of its fingerprint.
    const second = await l.apply([flag('001', 'name', '甲公司', '丙公司'), { ...flag('002', 'status', null, '吊销', 'critical'), bankValue: 'x' }]);
    expect(second.flags[0]!.status).toBe('new');
    expect(second.flags[0]!.caseId).not.toBe(first.flags[0]!.caseId);
    expect(second.flags[1]).toEqual({ status: 'recurring', caseId: first.flags[1]!.caseId });
    expect(second.superseded).toBe(1);
    const old = (await l.cases()).find((c) => c.id === first.flags[0]!.caseId)!;
    expect([old.state, old.superseded_by, old.closed_by_run]).toEqual(['superseded', second.flags[0]!.caseId, `${l.job}/run-2`]);
    const audit = await l.audit('case.superseded');
    expect(audit.map((a) => [a.subject, a.actor, (a.before as { state: string }).state])).toEqual([[`case:${old.id}`, 'system', 'dismissed']]);
  });

  it('no flag any more: open / proposed / confirmed cases are resolved naming the run; dismissed ones and fields the run did not judge stay', async () => {
    const l = ledger();
    const first = await l.apply([flag('001', 'name', 'A', 'B'), flag('002', 'name', 'C', 'D'), flag('003', 'name', 'E', 'F'), flag('004', 'name', 'G', 'H'), flag('005', 'address', 'I', 'J', 'medium')]);
    const [a, b, c, d, e] = first.flags.map((f) => f.caseId);
    await t.owner.updateTable('cases').set({ state: 'proposed' }).where('id', '=', b!).execute();
    await t.owner.updateTable('cases').set({ state: 'confirmed' }).where('id', '=', c!).execute();
    await t.owner.updateTable('cases').set({ state: 'dismissed', dismissed_until: '2026-09-30' }).where('id', '=', d!).execute();
    // Account 005 was not looked up this time (e.g. the registry was down for it).
    const second = await l.apply([], { covers: (accountNo) => accountNo !== '005' });
    expect(second.resolved.map((r) => [r.caseId, r.stateBefore, r.accountNo, r.bankValue, r.registryValue])).toEqual([
      [a, 'open', '001', 'A', 'B'],
      [b, 'proposed', '002', 'C', 'D'],
      [c, 'confirmed', '003', 'E', 'F'],
    ]);
    const states = Object.fromEntries((await l.cases()).map((x) => [x.id, [x.state, x.closed_by_run]]));
    expect(states[a!]).toEqual(['resolved', `${l.job}/run-2`]);
    expect(states[d!]).toEqual(['dismissed', null]);
    expect(states[e!]).toEqual(['open', null]);
    const resolvedAudit = await l.audit('case.resolved');
    expect(resolvedAudit.map((x) => [x.subject, x.actor])).toEqual([a, b, c].map((id) => [`case:${id}`, 'system']));
    const rows = await t.db.selectFrom('case_runs').select(['case_id', 'flag_status', 'flag']).where('run_id', '=', `${l.job}/run-2`).orderBy('case_id').execute();
    expect(rows).toEqual([a, b, c].map((id) => ({ case_id: id, flag_status: 'resolved', flag: null })));
  });

  it('a retried build of the same run changes nothing and answers what it recorded', async () => {
    const l = ledger();
    await l.apply([flag('001', 'name', 'A', 'B'), flag('002', 'name', 'C', 'D')]);
    const input = { job: l.job, runId: `${l.job}/retried`, flags: [flag('001', 'name', 'A', 'B'), flag('003', 'name', 'E', 'F')], today: '2025-09-30', config: SLA };
    const once = await applyRunToCases(t.db, input);
    const auditCount = async () => (await t.owner.selectFrom('audit').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    const before = await auditCount();
    const again = await applyRunToCases(t.db, input);
    expect(again).toEqual({ ...once, alreadyApplied: true });
    expect(once.alreadyApplied).toBe(false);
    expect(await auditCount()).toBe(before);
    expect(await l.cases()).toHaveLength(3);
  });

  it('refuses two flags for one (account, field) and changes nothing', async () => {
    const l = ledger();
    await expect(l.apply([flag('001', 'name', 'A', 'B'), flag('001', 'name', 'A', 'C')])).rejects.toThrow(/two flags for account 001, field name/);
    expect(await l.cases()).toHaveLength(0);
  });
});

// Issue #18, item 3: the annual review's real runs (fixture portals, worker, PostgreSQL) applied to
// the case ledger: new, recurring, confirmed, dismissed-and-still-valid, superseded, resolved, and
// a run that fails before the build touching no case.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtures, type RunningFixtures } from '../../../fixtures/start-fixtures';
import { triggerRun, waitForRun } from '../../../jobs/runtime/flows';
import type { RuntimeDeps } from '../../../jobs/runtime/runtime-deps';
import { startWorker, type RunningWorker } from '../../../jobs/runtime/worker';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { startTestRuntime, type TestRuntime } from '../../helpers/test-runtime';

const DATE = '2026-11-20';
const JOB = 'annual-review-check';
const work = mkdtempSync(path.join(os.tmpdir(), 'opsbot-cases-from-runs-'));

// Three companies of the shared sample; the bank's records differ from each on one field.
const REGISTRY = [
  '企业名称,统一社会信用代码,注册日期,企业类型,法人代表,注册资金,经营范围,所在省份,地区,注册地址',
  '陆川县沙湖供销社肥料农药门市部,91450922MA5KQE2311,1998-04-12,集体分支机构(非法人),杨诗德,N/A,零售：化肥，农膜。,广西,玉林,陆川县沙湖镇沙湖街',
  '吉林省机械进出口公司,912200001239150830,1982-08-20,N/A,宁纯海,"1,112(万元人民币)",仅供于企业清产核资,吉林,长春,长春市新民大街1296号',
  '河南裕鸿建筑工程有限公司,91410581731301165W,2000-12-14,N/A,王月华,"30,190(万元)",建筑工程施工,河南,安阳,林州市东岗镇政府南院',
].join('\n');

interface BankRow {
  name: string;
  legalRepresentative: string;
  address: string;
}
const BANK: Record<string, BankRow & { uscc: string }> = {
  '6222000001': { uscc: '91450922MA5KQE2311', name: '陆川县沙湖供销社肥料门市部', legalRepresentative: '杨诗德', address: '陆川县沙湖镇沙湖街' },
  '6222000002': { uscc: '912200001239150830', name: '吉林省机械进出口公司', legalRepresentative: '宁春海', address: '长春市新民大街1296号' },
  '6222000003': { uscc: '91410581731301165W', name: '河南裕鸿建筑工程有限公司', legalRepresentative: '王月华', address: '林州市东岗镇政府北院' },
};

let inputs = 0;
function accountsFile(changes: Record<string, Partial<BankRow>> = {}, header = '账号,存款人名称,统一社会信用代码,法定代表人,开户网点,注册地址'): string {
  const rows = Object.entries(BANK).map(([accountNo, row]) => {
    const r = { ...row, ...changes[accountNo] };
    return [accountNo, r.name, r.uscc, r.legalRepresentative, '兰州分行', r.address].join(',');
  });
  const file = path.join(work, `accounts-${++inputs}.csv`);
  writeFileSync(file, [header, ...rows].join('\n'));
  return file;
}

let t: TestDatabase;
let rt: TestRuntime;
let fixtures: RunningFixtures;
let deps: RuntimeDeps;
let worker: RunningWorker;

beforeAll(async () => {
  const registryData = path.join(work, 'registry.csv');
  writeFileSync(registryData, REGISTRY);
  t = await startTestDatabase();
  rt = await startTestRuntime();
  fixtures = await startFixtures({ seed: 7, scale: 'small', registryData });
  const portals = Object.fromEntries(fixtures.portals.map((p) => [p.id, { url: p.url, username: p.login?.username, password: p.login?.password }]));
  deps = { ...rt.with({ portals }), db: t.db };
  worker = await startWorker(deps);
}, 300_000);

afterAll(async () => {
  await worker?.close();
  await fixtures?.stop();
  await rt?.stop();
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

interface Entry {
  accountNo: string;
  field: string;
  status: string;
  caseId?: number;
}

async function run(input: string): Promise<{ runId: string; runDir: string; mismatches: Entry[] }> {
  const triggered = await triggerRun(deps, { job: JOB, date: DATE, force: true, options: { input } });
  const { runDir, status } = await waitForRun(deps, triggered.runId, 300_000);
  expect(status).toBe('ok');
  const mismatches = JSON.parse(readFileSync(path.join(runDir, 'mismatches.json'), 'utf8')) as Entry[];
  return { runId: triggered.runId, runDir, mismatches };
}

const byAccount = (entries: Entry[]) => Object.fromEntries(entries.map((e) => [e.accountNo, { field: e.field, status: e.status, caseId: e.caseId }]));
const cases = () => t.db.selectFrom('cases').select(['id', 'account_no', 'field', 'state', 'superseded_by', 'closed_by_run']).orderBy('id').execute();
const count = async (table: 'cases' | 'case_runs' | 'audit') => (await t.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;

async function sheetRows(runDir: string, sheet: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(runDir, `${JOB}-${DATE}.xlsx`));
  const rows: string[][] = [];
  workbook.getWorksheet(sheet)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('annual-review runs keep cases (review-workbench.md, the run table)', () => {
  let first: Awaited<ReturnType<typeof run>>;

  it('a first run opens one case per flag; mismatches.json carries status new and the caseId', async () => {
    first = await run(accountsFile());
    const seen = byAccount(first.mismatches);
    expect(Object.values(seen).map((e) => [e.field, e.status])).toEqual([
      ['name', 'new'],
      ['legalRepresentative', 'new'],
      ['address', 'new'],
    ]);
    const rows = await cases();
    expect(rows.map((c) => [c.id, c.account_no, c.field, c.state])).toEqual(
      first.mismatches.map((m) => [m.caseId, m.accountNo, m.field, 'open']),
    );
    const manifest = JSON.parse(readFileSync(path.join(first.runDir, 'manifest.json'), 'utf8')) as { details: { cases: { kept: boolean } } };
    expect(manifest.details.cases.kept).toBe(true);
  });

  it('the same data again: recurring, a dismissed flag comes back as dismissed with its caseId, a confirmed one as confirmed; no new case', async () => {
    const id = byAccount(first.mismatches);
    // A clerk's decisions, as the workbench would leave them (the owner sets them for the test).
    await t.owner.updateTable('cases').set({ state: 'dismissed', dismissed_until: '2099-12-31' }).where('id', '=', id['6222000002']!.caseId!).execute();
    await t.owner.updateTable('cases').set({ state: 'confirmed' }).where('id', '=', id['6222000003']!.caseId!).execute();
    const second = await run(accountsFile());
    expect(byAccount(second.mismatches)).toEqual({
      '6222000001': { field: 'name', status: 'recurring', caseId: id['6222000001']!.caseId },
      '6222000002': { field: 'legalRepresentative', status: 'dismissed', caseId: id['6222000002']!.caseId },
      '6222000003': { field: 'address', status: 'confirmed', caseId: id['6222000003']!.caseId },
    });
    expect(await count('cases')).toBe(3);
    // The dismissed flag is listed apart in the Excel, not among the open findings.
    const dismissed = await sheetRows(second.runDir, '已复核忽略');
    expect(dismissed.slice(1).map((r) => [r[1], r[2]])).toEqual([[String(id['6222000002']!.caseId), '6222000002']]);
    const detail = await sheetRows(second.runDir, '不一致明细');
    expect(detail.slice(1).map((r) => r[2])).toEqual(['6222000001', '6222000003']);
  });

  it('changed values supersede the old case with a new one; a fixed bank value resolves the confirmed case, listed as 本次已解决', async () => {
    const id = byAccount(first.mismatches);
    const third = await run(accountsFile({ '6222000001': { name: '陆川县沙湖供销社农资门市部' }, '6222000003': { address: '林州市东岗镇政府南院' } }));
    const seen = byAccount(third.mismatches);
    expect(seen['6222000001']!.status).toBe('new');
    expect(seen['6222000001']!.caseId).not.toBe(id['6222000001']!.caseId);
    expect(seen['6222000002']).toEqual({ field: 'legalRepresentative', status: 'dismissed', caseId: id['6222000002']!.caseId });
    expect(seen['6222000003']).toBeUndefined();
    const rows = Object.fromEntries((await cases()).map((c) => [c.id, c]));
    expect([rows[id['6222000001']!.caseId!]!.state, rows[id['6222000001']!.caseId!]!.superseded_by]).toEqual(['superseded', seen['6222000001']!.caseId]);
    expect([rows[id['6222000003']!.caseId!]!.state, rows[id['6222000003']!.caseId!]!.closed_by_run]).toEqual(['resolved', third.runId]);
    const resolved = await sheetRows(third.runDir, '本次已解决');
    expect(resolved.slice(1).map((r) => [r[1], r[2], r[6]])).toEqual([[String(id['6222000003']!.caseId), '6222000003', '已确认']]);
    const audit = await t.db.selectFrom('audit').select(['action', 'subject', 'actor']).where('action', 'in', ['case.superseded', 'case.resolved']).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'case.superseded', subject: `case:${id['6222000001']!.caseId}`, actor: 'system' },
      { action: 'case.resolved', subject: `case:${id['6222000003']!.caseId}`, actor: 'system' },
    ]);
  });

  it('a run that fails before the build touches no case', async () => {
    const before = await Promise.all([count('cases'), count('case_runs'), count('audit')]);
    const states = await cases();
    // No 统一社会信用代码 column: refused before any lookup, so no build runs.
    await expect(triggerRun(deps, { job: JOB, date: DATE, force: true, options: { input: accountsFile({}, '账号,存款人名称,法定代表人,开户网点,注册地址') } })).rejects.toThrow(/统一社会信用代码/);
    expect(await Promise.all([count('cases'), count('case_runs'), count('audit')])).toEqual(before);
    expect(await cases()).toEqual(states);
  });
});

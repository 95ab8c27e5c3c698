import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Flag } from '../../../../jobs/annual-review-check/flag';
import {
  buildMismatches,
  countAccount,
  emptyCounts,
  readPreviousMismatchKeys,
  writeMismatchesJson,
  writeResultsJson,
} from '../../../../jobs/annual-review-check/outputs';
import { judgeAccount } from '../../../../jobs/annual-review-check/rules';
import { registryCompany, reviewAccount } from '../support/records';

const dir = mkdtempSync(path.join(tmpdir(), 'arc-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function flag(accountNo: string, field: Flag['field'], severity: Flag['severity']): Flag {
  return { accountNo, uscc: 'U', name: 'N', field, severity, bankValue: 'b', registryValue: 'r', rule: 'name.differs', message: 'm' };
}

describe('mismatches.json', () => {
  it('orders by severity then field and marks recurring against the previous run', async () => {
    const previousFile = path.join(dir, 'previous.json');
    writeFileSync(previousFile, JSON.stringify([flag('A', 'name', 'high'), flag('B', 'address', 'medium')]));
    const previous = await readPreviousMismatchKeys(previousFile);
    const entries = buildMismatches([flag('A', 'businessScope', 'low'), flag('B', 'address', 'medium'), flag('A', 'name', 'high'), flag('C', 'status', 'critical')], previous);
    expect(entries.map((e) => [e.accountNo, e.field, e.status])).toEqual([
      ['C', 'status', 'new'],
      ['A', 'name', 'recurring'],
      ['B', 'address', 'recurring'],
      ['A', 'businessScope', 'new'],
    ]);
  });

  it('no previous run means every flag is new; a broken previous file is an error', async () => {
    expect((await readPreviousMismatchKeys(null)).size).toBe(0);
    expect((await readPreviousMismatchKeys(path.join(dir, 'none.json'))).size).toBe(0);
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"not":"an array"}');
    await expect(readPreviousMismatchKeys(broken)).rejects.toThrow(/array/u);
  });

  it('writes the spec keys in the spec order, similarity only for addresses', async () => {
    const account = reviewAccount({ address: '兰州市城关区庆阳路2号', name: '别名有限公司' });
    const { flags } = judgeAccount(account, { kind: 'found', company: registryCompany() }, '2025-10-31');
    const file = path.join(dir, 'mismatches.json');
    await writeMismatchesJson(file, buildMismatches(flags, new Set()));
    const written = JSON.parse(readFileSync(file, 'utf8')) as Array<Record<string, unknown>>;
    expect(Object.keys(written[0] ?? {})).toEqual(['accountNo', 'uscc', 'name', 'field', 'severity', 'bankValue', 'registryValue', 'rule', 'message', 'status']);
    expect(Object.keys(written[1] ?? {})).toEqual(['accountNo', 'uscc', 'name', 'field', 'severity', 'bankValue', 'registryValue', 'rule', 'message', 'similarity', 'status']);
  });

  it('writes a dated flag’s changedOn, reportDueOn and overdueWorkingDays after similarity, only when present (issue #17)', async () => {
    const company = registryCompany({
      address: '兰州市城关区庆阳路1号',
      changes: [
        { date: '2025-09-26', item: '住所变更', before: '兰州市七里河区西津西路8号', after: '兰州市城关区庆阳路1号' },
        { date: '2025-10-11', item: '法定代表人变更', before: '张三', after: '艾力·托合提' },
      ],
      seriousViolations: [{ listedOn: '2024-08-20', reason: '提交虚假材料', authority: '某局' }],
    });
    const account = reviewAccount({ address: '兰州市七里河区西津西路8号', legalRepresentative: '张三' });
    const { flags } = judgeAccount(account, { kind: 'found', company }, '2025-10-31');
    const file = path.join(dir, 'dated.json');
    await writeMismatchesJson(file, buildMismatches(flags, new Set()));
    const written = JSON.parse(readFileSync(file, 'utf8')) as Array<Record<string, unknown>>;
    const base = ['accountNo', 'uscc', 'name', 'field', 'severity', 'bankValue', 'registryValue', 'rule', 'message'];
    expect(written.map((w) => [w.field, Object.keys(w)])).toEqual([
      ['seriousViolation', [...base, 'status']],
      ['legalRepresentative', [...base, 'changedOn', 'reportDueOn', 'overdueWorkingDays', 'status']],
      ['address', [...base, 'similarity', 'changedOn', 'reportDueOn', 'overdueWorkingDays', 'status']],
    ]);
    expect(written[0]).toMatchObject({ bankValue: null, registryValue: '2024-08-20 提交虚假材料' });
    expect(written[1]).toMatchObject({ changedOn: '2025-10-11', reportDueOn: '2025-10-17', overdueWorkingDays: 10 });
    expect(written[2]).toMatchObject({ changedOn: '2025-09-26', reportDueOn: '2025-10-10', overdueWorkingDays: 16 });
  });
});

describe('results.json', () => {
  it('has reviewDate, accounts in input order and inputErrors', async () => {
    const file = path.join(dir, 'results.json');
    const company = registryCompany();
    const judgements = [
      judgeAccount(reviewAccount({ accountNo: '2' }), { kind: 'found', company }, '2025-10-31'),
      judgeAccount(reviewAccount({ accountNo: '1', name: 'x' }), { kind: 'found', company }, '2025-10-31'),
      judgeAccount(reviewAccount({ accountNo: '3' }), { kind: 'failed', error: '503' }, '2025-10-31'),
    ];
    async function* accounts() {
      for (const j of judgements) yield { accountNo: j.accountNo, verdict: j.verdict, flags: j.flags.length };
    }
    await writeResultsJson(file, '2025-10-31', accounts(), [{ row: 7, error: '缺少账号' }, { row: 9, accountNo: '1', error: '重复' }]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      reviewDate: '2025-10-31',
      accounts: [
        { accountNo: '2', verdict: 'pass', flags: 0 },
        { accountNo: '1', verdict: 'mismatch', flags: 1 },
        { accountNo: '3', verdict: 'unverifiable', flags: 0 },
      ],
      inputErrors: [
        { row: 7, error: '缺少账号' },
        { row: 9, accountNo: '1', error: '重复' },
      ],
    });
  });

  it('is valid JSON when empty', async () => {
    const file = path.join(dir, 'empty.json');
    await writeResultsJson(file, '2025-10-31', [], []);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ reviewDate: '2025-10-31', accounts: [], inputErrors: [] });
  });
});

describe('counts', () => {
  it('adds verdicts, severities and fields', () => {
    const counts = emptyCounts();
    countAccount(counts, 'mismatch', [flag('A', 'name', 'high'), flag('A', 'address', 'medium')]);
    countAccount(counts, 'pass', []);
    countAccount(counts, 'unverifiable', []);
    expect(counts).toMatchObject({ accounts: 3, flags: 2, byVerdict: { pass: 1, mismatch: 1, unverifiable: 1 }, bySeverity: { high: 1, medium: 1, critical: 0 } });
    expect(counts.byField.name).toBe(1);
  });
});

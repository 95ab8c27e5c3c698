// Issue #17 item 6, at the rules level: ../shared/data/registry-sample.csv served as it is (none of
// the optional columns) gives the same results as before the lists and change dating existed; a
// perturbed copy with list entries and change records as JSON cells gives every expected flag and
// date, and nothing else. Both read through the registry portal's own CSV loader.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegistryCsv } from '../../../fixtures/generator/registry-csv';
import { checkAccount, judgeAccount } from '../../../jobs/annual-review-check/rules';
import type { Flag } from '../../../jobs/annual-review-check/flag';
import * as reference from './support/reference-rules';
import { perturbationsOf, REVIEW_DATE, writePerturbedCopy, type ExpectedFlag } from './support/perturbed-registry';
import { loadRegistrySample, registrySample } from './support/registry-sample';

const sample = loadRegistrySample();
const dir = mkdtempSync(path.join(tmpdir(), 'arc-signals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A flag as the expectations state it: only the keys they give. */
function asExpected(flag: Flag): ExpectedFlag {
  const out: ExpectedFlag = { field: flag.field, severity: flag.severity };
  if (flag.field === 'seriousViolation' || flag.field === 'abnormalOperation') out.registryValue = flag.registryValue ?? undefined;
  if (flag.changedOn !== undefined) Object.assign(out, { changedOn: flag.changedOn, reportDueOn: flag.reportDueOn, overdueWorkingDays: flag.overdueWorkingDays });
  return out;
}

describe.skipIf(registrySample.skip)(registrySample.title('registry-sample.csv as served, without the optional columns'), () => {
  // The describe body runs even when skipped (vitest collects its tests), so read nothing then.
  const dataset = registrySample.skip ? undefined! : loadRegistryCsv(registrySample.file).dataset;

  it('gives every account the same judgement as the plain records (before issue #17), with no list flag and no date', () => {
    expect(sample.length).toBe(4200);
    let compared = 0;
    const fields = new Set<string>();
    for (const { account, company } of sample) {
      const served = dataset.byCode(company.uscc);
      if (!served) continue; // the mojibake row is not served (the loader reports it)
      const lists = dataset.listsOf(company.uscc);
      expect(lists).toEqual({ abnormalOperations: [], seriousViolations: [] });
      expect(served.changes).toEqual([]);
      const now = judgeAccount(account, { kind: 'found', company: { ...served, ...lists } }, REVIEW_DATE);
      // The rules as they were before #17 (the reference without lists and history): same flags.
      const before = reference.judgeAccount(account, { kind: 'found', company: { ...company, changes: [] } }, REVIEW_DATE);
      expect(JSON.stringify(now)).toBe(JSON.stringify(before));
      for (const f of now.flags) fields.add(f.field);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(4199);
    // Only the dirty rows' code flags, as real-data.test.ts has always found.
    expect([...fields]).toEqual(['uscc']);
  });
});

describe.skipIf(registrySample.skip)(registrySample.title('a perturbed copy of registry-sample.csv with list entries and change records'), () => {
  const perturbations = perturbationsOf(sample);
  const file = registrySample.skip ? '' : writePerturbedCopy(registrySample.file, dir, perturbations);
  const loaded = registrySample.skip ? undefined : loadRegistryCsv(file);

  it('reports the malformed JSON cell with its row and column, and drops only that cell', () => {
    const bad = perturbations.find((p) => p.rawAbnormalCell !== undefined)!;
    const problems = loaded!.problems.filter((p) => p.action === 'servedWithoutColumn');
    expect(problems).toEqual([expect.objectContaining({ row: bad.row.line, column: '经营异常名录', action: 'servedWithoutColumn' })]);
    expect(loaded!.dataset.byCode(bad.row.company.uscc)?.changes).toEqual(bad.changes);
  });

  it('finds every expected flag and date on the perturbed rows, and nothing else anywhere', () => {
    const byLine = new Map(perturbations.map((p) => [p.row.line, p]));
    expect(perturbations.length).toBeGreaterThan(30);
    const wrong: unknown[] = [];
    let flagged = 0;
    for (const row of sample) {
      const served = loaded!.dataset.byCode(row.company.uscc);
      if (!served) continue;
      const p = byLine.get(row.line);
      const company = { ...served, ...loaded!.dataset.listsOf(row.company.uscc) };
      const flags = checkAccount(p?.account ?? row.account, { kind: 'found', company }, REVIEW_DATE);
      // Untouched rows keep their own flags (the three dirty rows' code flags) and gain none.
      const want = p ? p.expected : checkAccount(row.account, { kind: 'found', company: row.company }, REVIEW_DATE).map(asExpected);
      const got = flags.map(asExpected);
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push({ case: p?.name ?? `line ${row.line}`, got, want });
      if (p && flags.length > 0) flagged++;
      // A dated flag's message ends as the spec words it.
      for (const f of flags.filter((x) => x.changedOn !== undefined)) {
        expect(f.message).toMatch(f.overdueWorkingDays! > 0 ? /工商登记于 \d{4}-\d{2}-\d{2} 变更，应于 \d{4}-\d{2}-\d{2} 前到行办理，已逾期 \d+ 个工作日$/u : /工商登记于 \d{4}-\d{2}-\d{2} 变更，尚在办理期限内（截至 \d{4}-\d{2}-\d{2}）$/u);
      }
    }
    expect(wrong).toEqual([]);
    expect(flagged).toBe(perturbations.filter((p) => p.expected.length > 0).length);
  });
});

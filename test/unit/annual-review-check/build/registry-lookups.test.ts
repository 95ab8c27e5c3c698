// The lookup index read on its own thread (a big registry file) against the same file read on the
// judging thread: the same answer and screenshot for every code, the same lines refused (the
// schema's message for malformed ones), accounts judged right when their answers come later in
// the file, and a failed read that fails the judging instead of leaving accounts unanswered.

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryLookupResult, ReviewAccountRecord } from '../../../../bots/records';
import { judgeAccounts } from '../../../../jobs/annual-review-check/build/judge-accounts';
import { lookupBatchOf } from '../../../../jobs/annual-review-check/build/lookup-batch';
import { packLookup, unpackLookup, type StoredLookup } from '../../../../jobs/annual-review-check/build/packed-lookup';
import { loadRegistryLookups, openRegistryLookups, streamRegistryLookups, type LookupIndex } from '../../../../jobs/annual-review-check/build/registry-lookups';
import { registryCompaniesOf } from '../../../../fixtures/generator/registry-companies';
import { buildWorld } from '../../../../fixtures/generator/world';
import { writeJsonl } from '../job-run-folder';

const DATE = '2025-10-31';
const companies = [...registryCompaniesOf(buildWorld(7, 'small'))];

function answersOf(index: LookupIndex, codes: string[]) {
  return codes.map((code) => ({ code, lookup: index.lookupFor(code), evidence: index.evidenceFor(code) }));
}

function account(i: number, uscc: string, legalRepresentative: string): ReviewAccountRecord {
  return { accountNo: `A${i}`, name: companies[i % companies.length]!.name, uscc, legalRepresentative, branch: null, accountType: null, registeredCapital: null, address: null, businessScope: null, licenseExpiry: null, relationshipManager: null };
}

describe('registry lookups read on their own thread', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-lookups-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('give every code the same answer and screenshot as the file read here, and refuse the same lines', async () => {
    const lines: unknown[] = companies.map((c, i): RegistryLookupResult => (i % 7 === 0
      ? { uscc: c.uscc, outcome: 'notFound' }
      : i % 11 === 0
        ? { uscc: c.uscc, outcome: 'failed', error: '503 at /search' }
        : { uscc: i % 2 ? c.uscc.toLowerCase() : c.uscc, outcome: 'found', company: i % 5 === 0 ? { ...c, evidence: `evidence/registry.company/${c.uscc}.png` } : c }));
    const malformed = { uscc: 'X', outcome: 'found', company: { ...companies[0]!, name: 5 } }; // the schema names the field
    const contradiction = { uscc: companies[3]!.uscc, outcome: 'notFound' }; // line 4 found it
    lines.splice(20, 0, malformed);
    lines.splice(30, 0, contradiction);
    lines.push(lines[10]); // says again what line 11 said
    const file = path.join(dir, 'registry.company.jsonl');
    await writeJsonl(file, lines);
    const here = await loadRegistryLookups(file);
    const streamed = streamRegistryLookups(file);
    await streamed.complete;
    const codes = [...companies.map((c) => c.uscc), '91110000000000000X'];
    expect(answersOf(streamed, codes)).toEqual(answersOf(here, codes));
    const withEvidence = new Set(lines.map((l) => (l as { company?: { evidence?: string } }).company?.evidence).filter(Boolean));
    expect(answersOf(here, codes).filter((a) => a.evidence)).toHaveLength(withEvidence.size);
    expect(here.lookupFor(companies[3]!.uscc).kind).toBe('found');
    expect(streamed.rejected).toEqual(here.rejected);
    expect(here.rejected).toEqual([
      { line: lines.indexOf(malformed) + 1, error: expect.stringMatching(/^company\.name: /u) },
      { line: lines.indexOf(contradiction) + 1, error: expect.stringContaining(`${companies[3]!.uscc} 已有查询结果，本行与之不一致`) },
    ]);
    expect(streamed.size).toBe(companies.length);
  });

  it('judge accounts whose answers come last in the file exactly as with the whole file read first', async () => {
    const lookups = companies.map((c): RegistryLookupResult => ({ uscc: c.uscc, outcome: 'found', company: c }));
    const file = path.join(dir, 'reversed.jsonl');
    await writeJsonl(file, [...lookups].reverse());
    const accounts = companies.map((c, i) => account(i, c.uscc, i % 3 ? c.legalRepresentative : '某某'));
    accounts.splice(5, 0, account(999, '91620105750906995X', '某某')); // invalid code: judged without waiting for an answer
    const accountsFile = path.join(dir, 'accounts.jsonl');
    await writeJsonl(accountsFile, accounts);
    const judged = async (index: LookupIndex) => {
      const out = [];
      for await (const j of judgeAccounts(accountsFile, index, DATE)) out.push(j.judgement);
      return out;
    };
    const expected = await judged(await loadRegistryLookups(file));
    expect(await judged(streamRegistryLookups(file))).toEqual(expected);
    // Every third account has another legal representative; the rest may be flagged for their own reasons.
    expect(expected.filter((j) => j.flags.some((f) => f.field === 'legalRepresentative')).length).toBeGreaterThanOrEqual(Math.floor(companies.length / 3));
    expect(expected.find((j) => j.accountNo === 'A999')?.flags[0]?.field).toBe('uscc');
  });

  it('a read that fails fails the judging (never an account judged without its answer)', async () => {
    const missing = path.join(dir, 'gone.jsonl');
    await expect(openRegistryLookups(missing)).rejects.toThrow(/ENOENT/u);
    const index = streamRegistryLookups(missing);
    await expect(index.complete).rejects.toThrow(/ENOENT/u);
    expect(index.isKnown(companies[0]!.uscc)).toBe(false);
    await expect(index.whenKnown(companies[0]!.uscc)).rejects.toThrow(/ENOENT/u);
  });
});

describe('packed lookups', () => {
  it('round-trip every kind, and refuse to pack a text holding the separator', () => {
    const c = companies[1]!;
    const company = { uscc: c.uscc, name: c.name, legalRepresentative: c.legalRepresentative, registeredCapital: c.registeredCapital, businessScope: c.businessScope, address: '', status: c.status, operatingUntil: c.operatingUntil };
    const kinds: StoredLookup[] = [
      { lookup: { kind: 'found', company }, evidence: 'evidence/x.png' },
      { lookup: { kind: 'found', company }, evidence: undefined },
      { lookup: { kind: 'notFound' }, evidence: undefined },
      { lookup: { kind: 'failed', error: '503' }, evidence: undefined },
    ];
    for (const stored of kinds) expect(unpackLookup(packLookup(stored)!)).toEqual(stored);
    expect(packLookup({ lookup: { kind: 'found', company: { ...company, name: 'a\u0001b' } }, evidence: undefined })).toBeNull();
  });

  it('carry the changes that date a flag and the two lists (issue #17), even a text holding the separator there', () => {
    const c = companies[2]!;
    const base = { uscc: c.uscc, name: c.name, legalRepresentative: c.legalRepresentative, registeredCapital: c.registeredCapital, businessScope: c.businessScope, address: c.address, status: c.status, operatingUntil: c.operatingUntil };
    const stored: StoredLookup = {
      lookup: {
        kind: 'found',
        company: {
          ...base,
          changes: [{ date: '2025-09-26', item: '法定代表人变更', after: '李\u0001四' }],
          abnormalOperations: [{ listedOn: '2025-07-10', reason: '未按期公示年度报告', authority: '某局', removedOn: '2025-09-01' }],
          seriousViolations: [],
        },
      },
      evidence: undefined,
    };
    expect(unpackLookup(packLookup(stored)!)).toEqual(stored);
    // Absent stays absent: a company without them unpacks without the keys.
    expect(Object.keys((unpackLookup(packLookup({ lookup: { kind: 'found', company: base }, evidence: undefined })!).lookup as { company: object }).company)).toEqual(Object.keys(base));
  });
});

describe('the lookup index keeps what the rules judge', () => {
  it('the changes a rule can date (without their before), and the lists with their own keys only', () => {
    const c = companies[0]!;
    const company = {
      ...c,
      changes: [
        { date: '2025-09-26', item: '法定代表人变更', before: '张三', after: '李四' },
        { date: '2025-09-27', item: '章程备案', before: '', after: '' },
      ],
      abnormalOperations: [{ listedOn: '2025-07-10', reason: '未按期公示年度报告', authority: '某局', pageRow: 3 }],
    };
    const batch = lookupBatchOf([{ line: 1, value: { uscc: c.uscc, outcome: 'found', company } }], false, null);
    const stored = batch.answers[0] as StoredLookup;
    expect(stored.lookup).toEqual({
      kind: 'found',
      company: {
        uscc: c.uscc, name: c.name, legalRepresentative: c.legalRepresentative, registeredCapital: c.registeredCapital, businessScope: c.businessScope,
        address: c.address, status: c.status, operatingUntil: c.operatingUntil,
        changes: [{ date: '2025-09-26', item: '法定代表人变更', after: '李四' }],
        abnormalOperations: [{ listedOn: '2025-07-10', reason: '未按期公示年度报告', authority: '某局' }],
      },
    });
  });
});

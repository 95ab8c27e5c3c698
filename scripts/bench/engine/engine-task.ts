// The cross-check engine alone, the way the build step runs it minus Excel and PDF: the registry
// bot's answers read into the compact lookup index (on their own thread, as the build does for a
// big file) while the accounts are streamed, each judged (rules and normalisation) once its
// answer is in, and tallied. No browser.
//
// Accounts are judged in blocks of BLOCK held in memory, so the rules' own time (wall and CPU)
// is measured without the file reading around it and without a timer call per account, while
// memory stays what the streaming build needs.

import { performance } from 'node:perf_hooks';
import type { ReviewAccountRecord } from '../../../bots/records';
import { openRegistryLookups } from '../../../jobs/annual-review-check/build/registry-lookups';
import { readAccountBatches } from '../../../jobs/annual-review-check/build/accounts-source';
import { emptyTally, tallyAccount } from '../../../jobs/annual-review-check/build/tally';
import { judgeAccount, type RegistryLookup } from '../../../jobs/annual-review-check/rules';
import { untilAnswered } from '../../../jobs/annual-review-check/build/judge-accounts';
import { REVIEW_DATE, type EngineDataset } from './dataset';

const BLOCK = 5_000;

export interface EngineResult {
  accounts: number;
  /** Reading registry.company.jsonl into the lookup index (schema-checked), wall ms from the start until its last line is in: in parallel with the accounts. */
  loadLookupsMs: number;
  /** Rules and normalisation: judgeAccount + tally over every account, wall ms. */
  rulesMs: number;
  /** The same, CPU ms (user + system): close to the wall time on an idle machine. */
  rulesCpuMs: number;
  /** The whole pass (load index, read + schema-check accounts, judge, tally), wall ms. */
  totalMs: number;
  totalCpuMs: number;
  verdicts: Record<string, number>;
  flags: number;
  heapUsedMb: number;
}

const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};

export async function runEngine(dataset: EngineDataset): Promise<EngineResult> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const index = await openRegistryLookups(dataset.lookupsFile);
  let loadLookupsMs = 0;
  const loaded = index.complete.then(() => { loadLookupsMs = performance.now() - t0; });
  const tally = emptyTally();
  let rulesMs = 0;
  let rulesCpuMs = 0;
  let accounts = 0;
  let block: { account: ReviewAccountRecord; lookup: RegistryLookup; evidence: string | undefined }[] = [];
  const judgeBlock = (): void => {
    const c = process.cpuUsage();
    const t = performance.now();
    for (const { account, lookup, evidence } of block) {
      const judgement = judgeAccount(account, lookup, REVIEW_DATE);
      // The real tally keeps every flag (for the Excel): that is the memory that grows with N.
      tallyAccount(tally, { account, lookup, judgement }, evidence);
    }
    rulesMs += performance.now() - t;
    rulesCpuMs += cpuMsSince(c);
    accounts += block.length;
    block = [];
  };
  for await (const entries of readAccountBatches(dataset.accountsFile)) {
    for (const entry of entries) {
      if (entry.kind === 'error') throw new Error(entry.error.error);
      const { account } = entry;
      const answered = untilAnswered(index, account);
      if (answered) await answered;
      block.push({ account, lookup: index.lookupFor(account.uscc), evidence: index.evidenceFor(account.uscc) });
      if (block.length === BLOCK) judgeBlock();
    }
  }
  judgeBlock();
  await loaded;
  const totalMs = performance.now() - t0;
  if (index.rejected.length) throw new Error(`registry lookups rejected: ${JSON.stringify(index.rejected.slice(0, 3))}`);
  if (accounts !== dataset.accounts) throw new Error(`judged ${accounts} accounts, dataset has ${dataset.accounts}`);
  return {
    accounts,
    loadLookupsMs,
    rulesMs,
    rulesCpuMs,
    totalMs,
    totalCpuMs: cpuMsSince(cpu0),
    verdicts: { ...tally.counts.byVerdict },
    flags: tally.flags.length,
    heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
  };
}

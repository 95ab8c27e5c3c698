// The cross-check engine alone, the way the build step runs it minus Excel and PDF: load the
// registry bot's answers into the compact index, stream the accounts, judge each one (rules and
// normalisation) and tally. No browser. Time is split so the rules' own share is visible.

import { performance } from 'node:perf_hooks';
import { loadRegistryLookups } from '../../../jobs/annual-review-check/build/registry-lookups';
import { readAccountEntries } from '../../../jobs/annual-review-check/build/accounts-source';
import { emptyTally, tallyAccount } from '../../../jobs/annual-review-check/build/tally';
import { judgeAccount } from '../../../jobs/annual-review-check/rules';
import { REVIEW_DATE, type EngineDataset } from './dataset';

export interface EngineResult {
  accounts: number;
  /** Reading registry.company.jsonl into the lookup index. */
  loadLookupsMs: number;
  /** Streaming + judging + tallying every account. */
  judgePassMs: number;
  /** Of which judgeAccount itself (rules + normalisation). */
  rulesMs: number;
  totalMs: number;
  /** CPU time (user + system) of the whole engine pass: close to its wall time on an idle machine. */
  cpuMs: number;
  verdicts: Record<string, number>;
  flags: number;
  heapUsedMb: number;
}

export async function runEngine(dataset: EngineDataset): Promise<EngineResult> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const index = await loadRegistryLookups(dataset.lookupsFile);
  const t1 = performance.now();
  if (index.rejected.length) throw new Error(`registry lookups rejected: ${JSON.stringify(index.rejected.slice(0, 3))}`);
  const tally = emptyTally();
  let rulesMs = 0;
  let accounts = 0;
  for await (const entry of readAccountEntries(dataset.accountsFile)) {
    if (entry.kind === 'error') throw new Error(entry.error.error);
    const lookup = index.lookupFor(entry.account.uscc);
    const r0 = performance.now();
    const judgement = judgeAccount(entry.account, lookup, REVIEW_DATE);
    rulesMs += performance.now() - r0;
    // Flags only: the real tally keeps every flag (for the Excel), which is the memory that grows.
    tallyAccount(tally, { account: entry.account, lookup, judgement }, index.evidenceFor(entry.account.uscc));
    accounts++;
  }
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  if (accounts !== dataset.accounts) throw new Error(`judged ${accounts} accounts, dataset has ${dataset.accounts}`);
  return {
    accounts,
    loadLookupsMs: t1 - t0,
    judgePassMs: t2 - t1,
    rulesMs,
    totalMs: t2 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    verdicts: { ...tally.counts.byVerdict },
    flags: tally.flags.length,
    heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
  };
}

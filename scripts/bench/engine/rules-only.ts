// Times the rules alone on accounts and lookups already in memory (no file reading), a few
// rounds, for profiling the rules with `node --cpu-prof --import tsx`:
//   npx tsx scripts/bench/engine/rules-only.ts var/bench/data/engine-42-100000 [rounds]

import path from 'node:path';
import type { ReviewAccountRecord } from '../../../bots/records';
import { readAccountEntries } from '../../../jobs/annual-review-check/build/accounts-source';
import { loadRegistryLookups } from '../../../jobs/annual-review-check/build/registry-lookups';
import { emptyTally, tallyAccount } from '../../../jobs/annual-review-check/build/tally';
import { judgeAccount } from '../../../jobs/annual-review-check/rules';
import { REVIEW_DATE } from './dataset';

async function main(): Promise<void> {
  const dir = process.argv[2] ?? 'var/bench/data/engine-42-100000';
  const rounds = Number(process.argv[3] ?? 3);
  const index = await loadRegistryLookups(path.join(dir, 'registry.company.jsonl'));
  const accounts: ReviewAccountRecord[] = [];
  for await (const entry of readAccountEntries(path.join(dir, 'accounts.jsonl'))) if (entry.kind === 'account') accounts.push(entry.account);
  for (let round = 0; round < rounds; round++) {
    const tally = emptyTally();
    const cpu = process.cpuUsage();
    for (const account of accounts) {
      const lookup = index.lookupFor(account.uscc);
      tallyAccount(tally, { account, lookup, judgement: judgeAccount(account, lookup, REVIEW_DATE) }, index.evidenceFor(account.uscc));
    }
    const d = process.cpuUsage(cpu);
    console.log(`round ${round + 1}: ${accounts.length} accounts, rules CPU ${((d.user + d.system) / 1000).toFixed(0)} ms, flags ${tally.flags.length}, ${JSON.stringify(tally.counts.byVerdict)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// Compiled beside a copy of dist/ by compiled-build.test.ts, the way `npm run build` compiles
// opsbot: reads a registry file on its own thread (the compiled dist/lookups-thread.js) and here,
// and prints both indexes' answers, or the thread's error.
//
// Usage: node <outdir>/lookups-probe.js <registry.company.jsonl> <code,code,...>

import { loadRegistryLookups, streamRegistryLookups, type LookupIndex } from '../../../../jobs/annual-review-check/build/registry-lookups';

const [file, codes] = process.argv.slice(2) as [string, string];
const answers = (index: LookupIndex) => codes.split(',').map((code) => ({ code, lookup: index.lookupFor(code), evidence: index.evidenceFor(code) }));

const streamed = streamRegistryLookups(file);
try {
  await streamed.complete;
  const here = await loadRegistryLookups(file);
  console.log(JSON.stringify({ streamed: answers(streamed), here: answers(here), size: streamed.size, rejected: streamed.rejected }));
} catch (error) {
  console.log(JSON.stringify({ threadError: error instanceof Error ? error.message : String(error) }));
}

/**
 * Re-captures the golden outputs: `npx tsx test/golden/capture.ts --repo <checkout>` runs both jobs
 * in <checkout> (default: this one) on the golden world and date, and writes their normalised kept
 * outputs to test/golden/<job>/. Capture from the commit the outputs must stay equal to (README),
 * never from a tree being refactored.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GOLDEN_DIR, GOLDEN_JOBS, REPO_OF_THIS_CHECKOUT, runAndKeep } from './golden-run';

const { values } = parseArgs({ options: { repo: { type: 'string' } } });
const repoRoot = path.resolve(values.repo ?? REPO_OF_THIS_CHECKOUT);

await Promise.all(
  GOLDEN_JOBS.map(async (job) => {
    const outputs = await runAndKeep(repoRoot, job);
    const dir = path.join(GOLDEN_DIR, job);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const [name, value] of Object.entries(outputs)) writeFileSync(path.join(dir, name), `${JSON.stringify(value, null, 2)}\n`);
    console.log(`${job}: ${Object.keys(outputs).join(', ')} → ${path.relative(process.cwd(), dir)}`);
  }),
);

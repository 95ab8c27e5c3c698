import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { firstDifference } from '../../golden/first-difference';
import { GOLDEN_DIR, GOLDEN_JOBS, REPO_OF_THIS_CHECKOUT, runAndKeep, type GoldenJob } from '../../golden/golden-run';

// Issue #16 item 9: for the same portals, seed and date, the outputs equal those captured before
// the refactor (test/golden/README.md). Both jobs run at once, each in its own opsbot process with
// its own var dir, Redis and fixture portals, so the file takes about as long as the slower job.
let current: Record<GoldenJob, Promise<Record<string, unknown>>>;

beforeAll(() => {
  current = Object.fromEntries(
    GOLDEN_JOBS.map((job) => [job, runAndKeep(REPO_OF_THIS_CHECKOUT, job)]),
  ) as Record<GoldenJob, Promise<Record<string, unknown>>>;
  // A job that fails is reported by its own test; this keeps its rejection from going unhandled meanwhile.
  for (const p of Object.values(current)) p.catch(() => {});
});

function goldenFiles(job: GoldenJob): string[] {
  return readdirSync(path.join(GOLDEN_DIR, job)).filter((f) => f.endsWith('.json')).sort();
}

describe('same outputs as before the refactor (golden world, seed, scale and date)', () => {
  for (const job of GOLDEN_JOBS) {
    it(`${job}: every captured file is equal`, async () => {
      const actual = await current[job];
      const files = goldenFiles(job);
      expect(files.length).toBeGreaterThan(0);
      expect(Object.keys(actual).sort()).toEqual(files);
      for (const file of files) {
        const golden: unknown = JSON.parse(readFileSync(path.join(GOLDEN_DIR, job, file), 'utf8'));
        // kpis.json may gain keys (each figure's status and comparison); nothing else may.
        const difference = firstDifference(golden, actual[file], { allowAddedKeys: file === 'kpis.json' });
        expect(difference, `${job}/${file} differs from test/golden/${job}/${file} at`).toBeNull();
      }
    }, 300_000);
  }
});

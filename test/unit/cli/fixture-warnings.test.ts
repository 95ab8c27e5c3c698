// The fixtures' data warnings (a dirty --registry-data row) go into every run's manifest.json.
import { describe, expect, it } from 'vitest';
import type { RunManifest } from '../../../jobs/runtime/run-store';
import { noteFixtureWarnings, withFixtureWarnings } from '../../../scripts/cli/fixture-warnings';
import type { FixtureWarning } from '../../../fixtures/start-fixtures';
import type { RunStore } from '../../../jobs/runtime/run-store';

const manifest: RunManifest = {
  runId: 'annual-review-check/2025-10-31/r1', job: 'annual-review-check', dataDate: '2025-10-31', revision: 1, status: 'ok',
  startedAt: '2025-10-31T01:00:00.000Z', finishedAt: '2025-10-31T01:01:00.000Z', durationMs: 60_000, sources: [], outputs: [],
  stages: {}, errors: [], details: { reviewDate: '2025-10-31' },
};
const warning: FixtureWarning = {
  source: 'registry', file: '/data/registry.csv', row: 3, column: '经营异常名录', reason: 'not valid JSON (Unexpected token)', action: 'servedWithoutColumn',
  message: 'registry data /data/registry.csv row 3 column 经营异常名录: not valid JSON (Unexpected token) → served without its 经营异常名录 data',
};

describe('fixture warnings in the manifest', () => {
  it('adds them under details.fixtureWarnings, keeping the job’s own details and everything else', () => {
    const out = withFixtureWarnings(manifest, [warning]);
    expect(out.details).toEqual({ reviewDate: '2025-10-31', fixtureWarnings: [warning] });
    expect({ ...out, details: manifest.details }).toEqual(manifest);
    expect(manifest.details).not.toHaveProperty('fixtureWarnings');
  });

  it('leaves a manifest alone when the data had no problem', () => {
    expect(withFixtureWarnings(manifest, [])).toBe(manifest);
  });

  it('makes the store write them into every manifest it finishes', async () => {
    const written: RunManifest[] = [];
    const store = { finish: async (m: RunManifest) => (written.push(m), '/runs/x') } as unknown as RunStore;
    noteFixtureWarnings(store, [warning]);
    await expect(store.finish(manifest)).resolves.toBe('/runs/x');
    await store.finish({ ...manifest, revision: 2 });
    expect(written.map((m) => m.details.fixtureWarnings)).toEqual([[warning], [warning]]);
  });
});

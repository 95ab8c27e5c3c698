// What was wrong in the data the fixture portals serve (a registry CSV row given with
// --registry-data whose JSON cell does not parse, …) belongs to every run built from that data:
// the start-up log says it once, and each run's manifest.json says it again under
// `details.fixtureWarnings` (file, row, column, reason, what was served), so whoever reads a run's
// results later sees that its registry data was not whole.

import type { RunManifest, RunStore } from '../../jobs/runtime/run-store';
import type { FixtureWarning } from '../../fixtures/start-fixtures';

/** The manifest with the fixtures' warnings in its details (unchanged when there are none). */
export function withFixtureWarnings(manifest: RunManifest, warnings: readonly FixtureWarning[]): RunManifest {
  if (warnings.length === 0) return manifest;
  return { ...manifest, details: { ...manifest.details, fixtureWarnings: warnings.map((w) => ({ ...w })) } };
}

/** Every run this store finishes from now on carries `warnings` in its manifest. */
export function noteFixtureWarnings(store: RunStore, warnings: readonly FixtureWarning[]): void {
  if (warnings.length === 0) return;
  const finish = store.finish.bind(store);
  store.finish = (manifest) => finish(withFixtureWarnings(manifest, warnings));
}

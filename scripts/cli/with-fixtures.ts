import { dropWorldQueues, newWorldId } from '../../jobs/runtime/queues';
import type { RuntimeDeps } from '../../jobs/runtime/runtime-deps';
import { startFixtures, type FixtureOptions, type RunningFixtures } from '../../fixtures/start-fixtures';
import { processConfig } from '../app/process-config';
import { processRuntime } from '../app/process-runtime';
import { noteFixtureWarnings } from './fixture-warnings';
import { onShutdown } from './lifecycle';

/**
 * Starts the fixture portals for this command and hands the runtime a config pointing at them
 * (URLs and the fixture logins), as if an admin had configured real portals. The process is then a
 * deployment of its own: its queues move to a namespace of their own (queues/queue-namespace.ts),
 * so that on a shared Redis no other worker takes its jobs and its worker takes no one else's.
 */
export async function withFixtures(opts: FixtureOptions): Promise<{ fixtures: RunningFixtures; runtime: RuntimeDeps }> {
  // The world's queues, known once its runtime is composed below.
  const served: { runtime?: RuntimeDeps } = {};
  // Registered first, so it runs last: after the worker has stopped taking the world's jobs.
  onShutdown(async () => {
    if (served.runtime) await dropWorldQueues(served.runtime.redis);
  });
  const fixtures = await startFixtures(opts);
  onShutdown(() => fixtures.stop());
  const cfg = processConfig();
  const portals = { ...cfg.portals };
  for (const p of fixtures.portals) {
    portals[p.id] = { url: p.url, username: p.login?.username, password: p.login?.password };
  }
  served.runtime = await processRuntime({ config: { ...cfg, portals }, world: newWorldId() });
  // A dirty row of --registry-data is said in the log at start-up, and in every run's manifest.
  noteFixtureWarnings(served.runtime.store, fixtures.warnings);
  return { fixtures, runtime: served.runtime };
}

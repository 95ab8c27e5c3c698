import { config, setConfig } from '../../jobs/runtime/config';
import { dropOwnWorldQueues, useOwnWorldQueues } from '../../jobs/runtime/queues';
import { startFixtures, type FixtureOptions, type RunningFixtures } from '../../fixtures/start-fixtures';
import { onShutdown } from './lifecycle';

/**
 * Starts the fixture portals for this command and points the config at them (URLs and the
 * fixture logins), as if an admin had configured real portals. The process is then a deployment
 * of its own: its queues move to a namespace of their own (queues/queue-namespace.ts), so that
 * on a shared Redis no other worker takes its jobs and its worker takes no one else's.
 */
export async function withFixtures(opts: FixtureOptions): Promise<RunningFixtures> {
  useOwnWorldQueues();
  // Registered first, so it runs last: after the worker has stopped taking the world's jobs.
  onShutdown(async () => {
    await dropOwnWorldQueues();
  });
  const fixtures = await startFixtures(opts);
  onShutdown(() => fixtures.stop());
  const cfg = config();
  const portals = { ...cfg.portals };
  for (const p of fixtures.portals) {
    portals[p.id] = { url: p.url, username: p.login?.username, password: p.login?.password };
  }
  setConfig({ ...cfg, portals });
  return fixtures;
}

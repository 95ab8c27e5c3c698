import { config, setConfig } from '../../jobs/runtime/config';
import { startFixtures, type FixtureOptions, type RunningFixtures } from '../../fixtures/start-fixtures';
import { onShutdown } from './lifecycle';

/**
 * Starts the fixture portals for this command and points the config at them (URLs and the
 * fixture logins), as if an admin had configured real portals.
 */
export async function withFixtures(opts: FixtureOptions): Promise<RunningFixtures> {
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

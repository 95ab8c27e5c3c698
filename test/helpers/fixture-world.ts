import type { Config } from '../../jobs/runtime/config';
import { config, setConfig } from '../../jobs/runtime/config';
import { startWorker, type RunningWorker } from '../../jobs/runtime/worker';
import { startFixtures, type FixtureOptions, type RunningFixtures } from '../../fixtures/start-fixtures';
import { startTestRuntime, type TestRuntime } from './test-runtime';

export interface FixtureWorld {
  rt: TestRuntime;
  fixtures: RunningFixtures;
  worker: RunningWorker;
  stop(): Promise<void>;
}

/**
 * Everything a job needs, real: a private runtime (Redis, var folder), the fixture portals, the
 * config pointing at them, and a worker in this process. `stop` takes it down in reverse order.
 */
export async function startFixtureWorld(opts: { fixtures: FixtureOptions; runtime?: Partial<Config>; workerConcurrency?: number }): Promise<FixtureWorld> {
  const rt = await startTestRuntime(opts.runtime);
  const fixtures = await startFixtures(opts.fixtures);
  const portals = Object.fromEntries(fixtures.portals.map((p) => [p.id, { url: p.url, username: p.login?.username, password: p.login?.password }]));
  setConfig({ ...config(), portals });
  const worker = await startWorker(opts.workerConcurrency ? { concurrency: opts.workerConcurrency } : {});
  return {
    rt,
    fixtures,
    worker,
    stop: async () => {
      await worker.close();
      await fixtures.stop();
      await rt.stop();
    },
  };
}

import type { Config } from '../../jobs/runtime/config';
import type { RuntimeDeps } from '../../jobs/runtime/runtime-deps';
import { startWorker, type RunningWorker } from '../../jobs/runtime/worker';
import { startFixtures, type FixtureOptions, type RunningFixtures } from '../../fixtures/start-fixtures';
import { startTestRuntime, type TestRegistries, type TestRuntime } from './test-runtime';

export interface FixtureWorld {
  rt: TestRuntime;
  fixtures: RunningFixtures;
  /** The runtime the worker was handed: the test's config with the fixture portals in it. */
  deps: RuntimeDeps;
  worker: RunningWorker;
  stop(): Promise<void>;
}

/**
 * Everything a job needs, real: a private runtime (Redis, var folder), the fixture portals, a
 * config pointing at them, and a worker in this process. `stop` takes it down in reverse order.
 */
export async function startFixtureWorld(opts: { fixtures: FixtureOptions; runtime?: Partial<Config>; registries?: TestRegistries; workerConcurrency?: number }): Promise<FixtureWorld> {
  const rt = await startTestRuntime(opts.runtime, opts.registries);
  const fixtures = await startFixtures(opts.fixtures);
  const portals = Object.fromEntries(fixtures.portals.map((p) => [p.id, { url: p.url, username: p.login?.username, password: p.login?.password }]));
  const deps = rt.with({ portals });
  const worker = await startWorker(deps, opts.workerConcurrency ? { concurrency: opts.workerConcurrency } : {});
  return {
    rt,
    fixtures,
    deps,
    worker,
    stop: async () => {
      await worker.close();
      await fixtures.stop();
      await rt.stop();
    },
  };
}

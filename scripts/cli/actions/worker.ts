import { startChangeWorker } from '../../../jobs/review/changes';
import { checkWorkerStart, startWorker } from '../../../jobs/runtime/worker';
import { processRuntime } from '../../app/process-runtime';
import { startedPrivateRedis } from '../../app/process-redis';
import { onShutdown } from '../lifecycle';

export async function workerAction(opts: { concurrency: number }): Promise<void> {
  // Builds keep their runs' cases (review-workbench.md): the worker opens the database.
  const runtime = await processRuntime({ database: true });
  // Refused before taking a job: a Redis Cluster, or a run store other than the one the other workers share.
  await checkWorkerStart(runtime);
  const worker = await startWorker(runtime, { concurrency: opts.concurrency });
  onShutdown(() => worker.close());
  // The write-back jobs (queue `changes`): they record their outcome on the change request.
  if (runtime.db) {
    const changes = await startChangeWorker({ ...runtime, db: runtime.db });
    onShutdown(() => changes.close());
  }
  // The private Redis's URL holds its password: print the address only.
  const embedded = startedPrivateRedis();
  const shared = runtime.config.redisSentinels ? 'REDIS_SENTINELS' : 'REDIS_URL';
  console.log(`worker ready on ${embedded ? `private Redis ${embedded.displayUrl}` : shared} (concurrency ${opts.concurrency}); SIGTERM finishes the current jobs`);
  await new Promise(() => undefined);
}

import { startWorker } from '../../../jobs/runtime/worker';
import { embeddedRedis, redisUrl } from '../../../jobs/runtime/redis';
import { onShutdown } from '../lifecycle';

export async function workerAction(opts: { concurrency: number }): Promise<void> {
  await redisUrl();
  const worker = await startWorker({ concurrency: opts.concurrency });
  onShutdown(() => worker.close());
  // The private Redis's URL holds its password: print the address only.
  const embedded = embeddedRedis();
  console.log(`worker ready on ${embedded ? `private Redis ${embedded.displayUrl}` : 'REDIS_URL'} (concurrency ${opts.concurrency}); SIGTERM finishes the current jobs`);
  await new Promise(() => undefined);
}

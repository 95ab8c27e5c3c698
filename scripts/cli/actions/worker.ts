import { startWorker } from '../../../jobs/runtime/worker';
import { embeddedRedis, redisUrl } from '../../../jobs/runtime/redis';
import { onShutdown } from '../lifecycle';

export async function workerAction(opts: { concurrency: number }): Promise<void> {
  const url = await redisUrl();
  const worker = await startWorker({ concurrency: opts.concurrency });
  onShutdown(() => worker.close());
  console.log(`worker ready on ${embeddedRedis() ? `private Redis ${url}` : 'REDIS_URL'} (concurrency ${opts.concurrency}); SIGTERM finishes the current jobs`);
  await new Promise(() => undefined);
}

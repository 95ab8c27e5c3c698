import type { Command } from 'commander';
import { startWorker } from '../../../jobs/runtime/worker';
import { embeddedRedis, redisUrl } from '../../../jobs/runtime/redis';
import { onShutdown } from '../lifecycle';
import { parseIntOption } from '../options';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run a worker; run as many as you like on as many machines as share the Redis')
    .option('--concurrency <n>', 'jobs at once per queue', parseIntOption, 2)
    .action(async (opts: { concurrency: number }) => {
      const url = await redisUrl();
      const worker = await startWorker({ concurrency: opts.concurrency });
      onShutdown(() => worker.close());
      console.log(`worker ready on ${embeddedRedis() ? `private Redis ${url}` : 'REDIS_URL'} (concurrency ${opts.concurrency}); SIGTERM finishes the current jobs`);
      await new Promise(() => undefined);
    });
}

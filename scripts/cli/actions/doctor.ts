import { runtimePaths } from '../../../jobs/runtime/config';
import { formatCheck, runDoctor } from '../../../jobs/runtime/doctor';
import { queueNamespace, redisConnection } from '../../../jobs/runtime/queues';
import { processConfig } from '../../app/process-config';
import { processRedis, startedPrivateRedis } from '../../app/process-redis';
import { EXIT } from '../exit-codes';
import { shutdown } from '../lifecycle';

/**
 * `opsbot doctor`: every check on one line each, then exit 1 if any failed. Without REDIS_URL /
 * REDIS_SENTINELS it checks the private redis-server the commands of this var folder use.
 */
export async function doctorAction(): Promise<void> {
  const config = processConfig();
  try {
    const endpoint = await processRedis(config).endpoint();
    const embedded = startedPrivateRedis();
    const results = await runDoctor({
      config,
      redis: redisConnection(endpoint, queueNamespace(config.queuePrefix)),
      runsDir: runtimePaths(config).runsDir,
      redisWhere: embedded ? `private redis-server ${embedded.displayUrl} (REDIS_URL unset: one host only)` : undefined,
    });
    for (const r of results) console.log(formatCheck(r));
    const failed = results.filter((r) => !r.ok);
    console.log(failed.length === 0 ? `all ${results.length} checks pass` : `${failed.length} of ${results.length} checks fail: ${failed.map((r) => r.check).join(', ')}`);
    process.exitCode = failed.length === 0 ? EXIT.ok : EXIT.failed;
  } finally {
    await shutdown();
  }
}

import path from 'node:path';
import type { Config } from './schema';

/** Where things live on disk, all derived from `varDir` unless set on their own. */
export function runtimePaths(cfg: Config) {
  const varDir = path.resolve(cfg.varDir);
  return {
    varDir,
    runsDir: path.resolve(cfg.runsDir ?? path.join(varDir, 'runs')),
    outboxDir: path.resolve(cfg.outboxDir ?? path.join(varDir, 'outbox')),
    redisDir: path.join(varDir, 'redis'),
    /** The private PostgreSQL server's data folder, socket lock and log (jobs/runtime/db). */
    postgresDir: path.join(varDir, 'postgres'),
    auditLog: path.join(varDir, 'audit.log'),
  };
}

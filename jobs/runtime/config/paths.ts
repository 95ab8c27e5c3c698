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
    auditLog: path.join(varDir, 'audit.log'),
  };
}

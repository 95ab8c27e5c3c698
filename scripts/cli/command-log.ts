import path from 'node:path';
import { todayInShanghai } from '../../jobs/runtime/calendar';
import { runtimePaths } from '../../jobs/runtime/config';
import { logToFile } from '../../jobs/runtime/logger';
import { processConfig } from '../app/process-config';
import { useProcessLogger } from '../app/process-log';

/**
 * For commands a person watches (demo, run): progress and results on stdout, warnings and errors
 * readable on stderr, and the whole JSON log in `var/logs/opsbot-<date>.log` (appended, one file per
 * Beijing day) for when something needs explaining. Services (worker, scheduler, dashboard) keep
 * logging to stderr, where their supervisor collects it. The log becomes the process's (the one
 * the composition root hands the runtime). Returns the file.
 */
export function useCommandLog(): string {
  const cfg = processConfig();
  const file = path.join(runtimePaths(cfg).varDir, 'logs', `opsbot-${todayInShanghai()}.log`);
  useProcessLogger(logToFile(file, { level: cfg.logLevel }));
  return file;
}

import path from 'node:path';
import { todayInShanghai } from '../../jobs/runtime/calendar';
import { config, runtimePaths } from '../../jobs/runtime/config';
import { logToFile } from '../../jobs/runtime/logger';

/**
 * For commands a person watches (demo, run): progress and results on stdout, warnings and errors
 * readable on stderr, and the whole JSON log in `var/logs/opsbot-<date>.log` (appended, one file per
 * Beijing day) for when something needs explaining. Services (worker, scheduler, dashboard) keep
 * logging to stderr, where their supervisor collects it. Returns the file.
 */
export function useCommandLog(): string {
  const file = path.join(runtimePaths(config()).varDir, 'logs', `opsbot-${todayInShanghai()}.log`);
  logToFile(file);
  return file;
}

import type { Logger } from 'pino';
import type { Config } from '../../jobs/runtime/config';
import { createLogger } from '../../jobs/runtime/logger';

let current: Logger | undefined;

/** Makes `logger` this process's (a watched command's log file, see scripts/cli/command-log.ts). */
export function useProcessLogger(logger: Logger): Logger {
  current = logger;
  return logger;
}

/** This process's logger: the one a command chose, else one on stderr at the config's `logLevel`. */
export function processLogger(cfg: Config): Logger {
  current ??= createLogger(cfg.logLevel);
  return current;
}

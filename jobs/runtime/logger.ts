import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { config } from './config';

export type { Logger } from 'pino';

/** Field names whose values never reach a log line, at any depth pino can express. */
const SECRET_KEYS = ['password', 'passwd', 'token', 'secret', 'cookie', 'authorization', 'csrf', '_csrf'];
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k}`, `*.headers.${k}`]);

/**
 * One logger per process: pretty on a terminal, JSON lines otherwise (so log shippers can read it).
 * Child loggers carry the bot / job / run ids. `destination` is for tests.
 */
export function createLogger(level: string = process.env.OPSBOT_LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: undefined };
  if (destination) return pino(options, destination);
  if (process.stderr.isTTY) {
    return pino(options, pretty({ sync: true, destination: 2, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }));
  }
  return pino(options, pino.destination({ fd: 2, sync: true }));
}

let root: Logger | undefined;

/** The process's logger, at the configured level (OPSBOT_LOG_LEVEL). */
export function log(): Logger {
  root ??= createLogger(config().logLevel);
  return root;
}

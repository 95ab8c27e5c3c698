import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

/** Field names whose values never reach a log line, at any depth pino can express. */
const SECRET_KEYS = ['password', 'passwd', 'token', 'secret', 'cookie', 'authorization', 'csrf'];
const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k}`]);

/**
 * One logger per process: pretty on a terminal, JSON lines otherwise (so log shippers can read it).
 * Child loggers carry the bot / job / run ids.
 */
export function createLogger(level: string = process.env.OPSBOT_LOG_LEVEL ?? 'info'): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: undefined };
  if (process.stderr.isTTY) {
    return pino(options, pretty({ sync: true, destination: 2, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }));
  }
  return pino(options, pino.destination({ fd: 2, sync: true }));
}

let root: Logger | undefined;

export function log(): Logger {
  root ??= createLogger();
  return root;
}

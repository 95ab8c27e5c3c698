import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty, { prettyFactory } from 'pino-pretty';

export type { Logger } from 'pino';

/** Field names whose values never reach a log line, at any depth pino can express. */
const SECRET_KEYS = ['password', 'passwd', 'token', 'secret', 'cookie', 'authorization', 'csrf', '_csrf'];
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k}`, `*.headers.${k}`]);

/**
 * A service's logger (worker, scheduler, dashboard), at the configured level (`logLevel`): pretty
 * on a terminal, JSON lines otherwise (so log shippers can read it). Child loggers carry the bot /
 * job / run ids. `destination` is for tests.
 */
export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: undefined };
  if (destination) return pino(options, destination);
  if (process.stderr.isTTY) {
    return pino(options, pretty({ sync: true, destination: 2, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }));
  }
  return pino(options, pino.destination({ fd: 2, sync: true }));
}

/** A level's rank; `silent` is above every level. */
const rank = (level: string) => (level === 'silent' ? Infinity : (pino.levels.values[level] ?? 30));

/** Where a watched command's warnings go: a stream that may be a terminal. */
export type ConsoleStream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean };

/**
 * For a command a person watches (demo, run): the whole log — JSON lines at `level`, for support
 * and log shippers — is appended to `file` (owner-only), and the console gets only warnings and
 * errors, one readable line each, so they stand out between the progress lines instead of JSON
 * drowning them. On a terminal each first clears the progress line it would otherwise run into.
 * `level` is the configured one (`logLevel`).
 */
export function logToFile(file: string, opts: { level?: string; console?: ConsoleStream } = {}): Logger {
  const level = opts.level ?? 'info';
  const out = opts.console ?? process.stderr;
  const consoleLevel = rank(level) > rank('warn') ? level : 'warn';
  const prettify = prettyFactory({ colorize: !!out.isTTY, singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' });
  const streams: pino.StreamEntry[] = [];
  if (level !== 'silent') {
    // Opened on the first line, so a command refused before it logs anything (bad usage) leaves
    // no var/logs folder behind.
    let dest: ReturnType<typeof pino.destination> | undefined;
    // A log file that cannot be written (a full disk) must not end the command: say so once on the
    // console, close the file, and keep logging warnings and errors there.
    let broken = false;
    const fail = (err: Error) => {
      if (broken) return;
      broken = true;
      dest?.destroy();
      out.write(`opsbot: cannot write the log ${file}: ${err.message}; from here on only warnings and errors, on this console\n`);
    };
    const write = (line: string) => {
      if (broken) return;
      try {
        if (!dest) {
          mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
          dest = pino.destination({ dest: file, append: true, sync: true, mode: 0o600 });
          dest.on('error', fail);
        }
        dest.write(line);
      } catch (err) {
        fail(err as Error);
      }
    };
    streams.push({ level: level as pino.Level, stream: { write } });
  }
  if (consoleLevel !== 'silent') {
    streams.push({ level: consoleLevel as pino.Level, stream: { write: (line: string) => void out.write(`${out.isTTY ? '\r\x1b[K' : ''}${prettify(line)}`) } });
  }
  const lowest = rank(level) < rank(consoleLevel) ? level : consoleLevel;
  return pino({ level: lowest, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: undefined }, pino.multistream(streams));
}

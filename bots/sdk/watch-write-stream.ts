import type { Writable } from 'node:stream';

/**
 * An 'error' event that no listener takes kills the process ("Unhandled 'error' event"): a full
 * disk (ENOSPC) half-way through an extraction took a whole worker down, every job with it. So a
 * write stream is watched from the moment it is made: its first error is kept, named with the
 * file being written, and given to whoever next writes to, drains or finishes the stream.
 */
export interface WatchedStream {
  /** The stream's error once it has failed (its message names the file), else undefined. */
  readonly error: Error | undefined;
  /** Rejects with that error when the stream fails; never resolves. Race it with a wait on the stream. */
  readonly failed: Promise<never>;
}

export function watchWriteStream(stream: Writable, file: string): WatchedStream {
  let error: Error | undefined;
  let reject!: (e: Error) => void;
  const failed = new Promise<never>((_, r) => (reject = r));
  failed.catch(() => undefined); // a failure no wait was racing is still read through `error`
  stream.on('error', (err) => {
    error ??= cannotWrite(file, err);
    reject(error);
  });
  return {
    get error() {
      // `errored` is set the moment the stream fails; the event comes a tick later.
      if (!error && stream.errored) error = cannotWrite(file, stream.errored);
      return error;
    },
    failed,
  };
}

/**
 * A full disk says only "ENOSPC: no space left on device, write": name the file that could not be
 * written, keeping the code so callers can still tell ENOSPC from EACCES.
 */
export function cannotWrite(file: string, err: unknown): Error {
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.message !== 'string' || e.message.includes(file)) return err as Error;
  return Object.assign(new Error(`cannot write ${file}: ${e.message}`, { cause: err }), { code: e.code });
}

import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { tempPathBeside } from './atomic-write';
import { cannotWrite, watchWriteStream, type WatchedStream } from './watch-write-stream';

/**
 * Streams records to `<file>` as JSON lines, atomically: lines go to a temp file that is renamed
 * into place only when `commit()` is called, so a reader never sees half a source.
 *
 * A write that fails (a full disk) never escapes as an 'error' event: the next `write()` or the
 * `commit()` throws `cannot write <file>: …`, and a failed commit removes the temp file itself.
 */
export class JsonlWriter {
  private readonly tmp: string;
  private readonly out: WriteStream;
  private readonly watch: WatchedStream;
  private readonly hash = createHash('sha256');
  count = 0;

  private constructor(readonly file: string, mode: number) {
    this.tmp = tempPathBeside(file);
    this.out = createWriteStream(this.tmp, { mode });
    this.watch = watchWriteStream(this.out, file);
  }

  static async open(file: string, mode = 0o600): Promise<JsonlWriter> {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    return new JsonlWriter(file, mode);
  }

  async write(record: unknown): Promise<void> {
    this.throwIfFailed();
    const line = `${JSON.stringify(record)}\n`;
    this.hash.update(line);
    this.count += 1;
    if (!this.out.write(line)) await Promise.race([once(this.out, 'drain'), this.watch.failed]);
  }

  /** Closes and renames into place; returns the sha256 of the content. */
  async commit(): Promise<string> {
    try {
      this.throwIfFailed();
      this.out.end();
      await finished(this.out);
      await rename(this.tmp, this.file);
    } catch (err) {
      await this.abort();
      throw this.watch.error ?? cannotWrite(this.file, err);
    }
    return this.hash.digest('hex');
  }

  /** Drops what was written: the stream is closed and the temp file removed. */
  async abort(): Promise<void> {
    this.out.destroy();
    // Until the file is closed a full disk gets no space back from removing it.
    if (!this.out.closed) await once(this.out, 'close').catch(() => undefined);
    await rm(this.tmp, { force: true });
  }

  private throwIfFailed(): void {
    const error = this.watch.error;
    if (error) throw error;
  }
}

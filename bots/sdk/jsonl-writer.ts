import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';

/**
 * Streams records to `<file>` as JSON lines, atomically: lines go to a temp file that is renamed
 * into place only when `commit()` is called, so a reader never sees half a source.
 */
export class JsonlWriter {
  private readonly tmp: string;
  private readonly out: WriteStream;
  private readonly hash = createHash('sha256');
  count = 0;

  private constructor(readonly file: string, mode: number) {
    this.tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
    this.out = createWriteStream(this.tmp, { mode });
  }

  static async open(file: string, mode = 0o600): Promise<JsonlWriter> {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    return new JsonlWriter(file, mode);
  }

  async write(record: unknown): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    this.hash.update(line);
    this.count += 1;
    if (!this.out.write(line)) await once(this.out, 'drain');
  }

  /** Closes and renames into place; returns the sha256 of the content. */
  async commit(): Promise<string> {
    this.out.end();
    await once(this.out, 'finish');
    await rename(this.tmp, this.file);
    return this.hash.digest('hex');
  }

  async abort(): Promise<void> {
    // Writes still queued fail once the stream is gone; that is the point of aborting.
    this.out.on('error', () => undefined);
    this.out.destroy();
    await rm(this.tmp, { force: true });
  }
}

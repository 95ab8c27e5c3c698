// Files appear whole or not at all: write a temp file beside the target, then rename it into place
// (atomic on one filesystem), so a crash, a full disk or a reader never sees half a file.
//
// The one atomic write of the product (bots' sources, the run store's manifests, jobs' outputs).
// It lives in the SDK, the floor that bots, templates and jobs may all import. fixtures/ keeps its
// own (fixtures/export/export-files.ts): the bank's side of the wire shares only the records.

import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { cannotWrite, watchWriteStream, type WatchedStream } from './watch-write-stream';

/** Run files are owner-only until a run store publishes them (see jobs/runtime/run-store/folder-modes). */
const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;

/**
 * A temp name beside `file`, on the same filesystem so the rename is atomic: hidden (a folder
 * listing skips it), unique per process and call, and `.tmp-` in it for the clean-up checks.
 *
 * @example tempPathBeside('/runs/r1/kpis.json') // '/runs/r1/.kpis.json.tmp-4242-9f86d081'
 */
export function tempPathBeside(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Creates the folder `file` goes in (owner-only); a failure names `file`, not only the folder. */
async function makeFolderOf(file: string): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: PRIVATE_DIR });
  } catch (error) {
    throw cannotWrite(file, error);
  }
}

/** `makeFolderOf` for `writeSmallFileAtomicInFolder`'s callers, synchronous as it is. */
export function makeFolderOfSync(file: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR });
  } catch (error) {
    throw cannotWrite(file, error);
  }
}

/**
 * Writes `data` to `file` so readers see the old content or the new, never half. A failure (a full
 * disk) removes the temp file and throws an error naming `file`, with the system's code kept.
 *
 * @example await writeFileAtomic(path.join(runDir, 'report.pdf'), pdfBytes)
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, mode = PRIVATE_FILE): Promise<void> {
  await makeFolderOf(file);
  const temp = tempPathBeside(file);
  try {
    await writeFile(temp, data, { mode });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw cannotWrite(file, error);
  }
}

/**
 * `writeFileAtomic` for a caller that made `file`'s folder itself and writes many small files into
 * it (a run's kept pages: one folder check per page was a tenth of their cost). Synchronous on
 * purpose: the promise API hops to the thread pool for the open, the write, the close and the
 * rename, and for a file of a few KB those hops cost more than the write (4,200 files of 5 KB on
 * this machine: 1.0-2.8 s of CPU through fs/promises, 0.26-0.58 s synchronously; the event loop
 * waits ~0.1 ms a file). A folder that is gone fails as any write does, naming `file`.
 */
export function writeSmallFileAtomicInFolder(file: string, data: Uint8Array, mode = PRIVATE_FILE): void {
  const temp = tempPathBeside(file);
  try {
    writeFileSync(temp, data, { mode });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw cannotWrite(file, error);
  }
}

/** `value` as indented JSON with a final newline, written atomically. */
export async function writeJsonAtomic(file: string, value: unknown, mode = PRIVATE_FILE): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`, mode);
}

/**
 * Destroys `out` and waits until its file descriptor is closed. The stream opens its file
 * asynchronously: removing the temp file before the open completes would let the open create it
 * again afterwards, leaving a stray temp file beside the target.
 */
async function destroyAndWaitForClose(out: WriteStream): Promise<void> {
  if (out.closed) return;
  const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
  out.destroy();
  await closed;
}

/**
 * Streams text pieces into a temp file and renames it at the end: for outputs too large to build
 * as one string (results.json of a million accounts). Back-pressure is respected, and a full disk
 * throws naming `file` rather than crashing the process with an unhandled 'error' event.
 */
export async function writeStreamAtomic(file: string, pieces: AsyncIterable<string> | Iterable<string>, mode = PRIVATE_FILE): Promise<void> {
  await makeFolderOf(file);
  const temp = tempPathBeside(file);
  const out = createWriteStream(temp, { mode });
  const watch = watchWriteStream(out, file);
  try {
    for await (const piece of pieces) {
      if (watch.error) throw watch.error;
      if (!out.write(piece)) await Promise.race([once(out, 'drain'), watch.failed]);
    }
    if (watch.error) throw watch.error;
    out.end();
    await Promise.race([finished(out), watch.failed]);
    await rename(temp, file);
  } catch (error) {
    await destroyAndWaitForClose(out);
    await rm(temp, { force: true });
    throw watch.error ?? cannotWrite(file, error);
  }
}

/**
 * Hands `write` a watched write stream on a temp file beside `file`, and renames the file into
 * place once `write` has settled and the stream has finished: for writers that need a stream of
 * their own (exceljs's streaming WorkbookWriter, which ends the stream in `commit()`). A failure,
 * of `write` or of the disk, removes the temp file (after its descriptor is closed, so no stray
 * file reappears) and rejects; a disk error names `file`. `write` races `watch.failed` itself
 * wherever it waits on the stream between writes.
 *
 * @example
 * await writeThroughStreamAtomic(file, (out) => new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out }).commit());
 */
export async function writeThroughStreamAtomic<T>(file: string, write: (out: WriteStream, watch: WatchedStream) => Promise<T>, mode = PRIVATE_FILE): Promise<T> {
  await makeFolderOf(file);
  const temp = tempPathBeside(file);
  const out = createWriteStream(temp, { mode });
  const watch = watchWriteStream(out, file);
  try {
    const result = await Promise.race([write(out, watch), watch.failed]);
    if (!out.writableEnded) out.end();
    await Promise.race([finished(out), watch.failed]);
    await rename(temp, file);
    return result;
  } catch (error) {
    await destroyAndWaitForClose(out);
    await rm(temp, { force: true });
    throw watch.error ?? error;
  }
}

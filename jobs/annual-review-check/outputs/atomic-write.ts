// Output files appear whole or not at all: write a temp file beside the target, then rename
// (atomic on one filesystem), so a crash or a reader never sees half a JSON file.

import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { cannotWrite, watchWriteStream } from '../../../bots/sdk/watch-write-stream';

function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  try {
    await writeFile(temp, data);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw cannotWrite(target, error);
  }
}

export async function writeJsonAtomic(target: string, value: unknown): Promise<void> {
  await writeFileAtomic(target, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Streams text pieces into a temp file and renames it at the end: for outputs too large to build
 * as one string (results.json of a million accounts).
 */
export async function writeStreamAtomic(target: string, pieces: AsyncIterable<string> | Iterable<string>): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  const out = createWriteStream(temp);
  const watch = watchWriteStream(out, target); // a full disk throws here, naming the file, never crashes
  try {
    for await (const piece of pieces) {
      if (watch.error) throw watch.error;
      if (!out.write(piece)) await Promise.race([once(out, 'drain'), watch.failed]);
    }
    if (watch.error) throw watch.error;
    out.end();
    await Promise.race([finished(out), watch.failed]);
    await rename(temp, target);
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw watch.error ?? error;
  }
}

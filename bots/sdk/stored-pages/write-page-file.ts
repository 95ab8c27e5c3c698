// One kept page written: gzipped (fastest level), whole or not at all, its folder made the first
// time. The same function runs on the page keeper's thread and, before that thread is up, on the
// caller's (page-keeper.ts).

import { createHash } from 'node:crypto';
import path from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { makeFolderOfSync, writeSmallFileAtomicInFolder } from '../atomic-write';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Fastest gzip level: a page of the registry is tens of KB, compressed in well under a
 * millisecond; the default level costs several times that in CPU for a file a few percent smaller.
 */
const gzipFast = (bytes: Uint8Array): Buffer => gzipSync(bytes, { level: constants.Z_BEST_SPEED });

/** Folders made (or found) by this thread: once per folder, not once per page. */
const madeFolders = new Set<string>();

function makeFolderOnce(target: string): void {
  const dir = path.dirname(target);
  if (madeFolders.has(dir)) return;
  makeFolderOfSync(target);
  madeFolders.add(dir);
}

/** Writes `bytes` gzipped to `target` (an absolute path). */
export function writePageFile(target: string, bytes: Uint8Array): void {
  const gzipped = gzipFast(bytes);
  makeFolderOnce(target);
  try {
    writeSmallFileAtomicInFolder(target, gzipped);
  } catch (error) {
    // The folder went away since it was made (a clean-up mid-run): make it again, once.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    madeFolders.delete(path.dirname(target));
    makeFolderOnce(target);
    writeSmallFileAtomicInFolder(target, gzipped);
  }
}

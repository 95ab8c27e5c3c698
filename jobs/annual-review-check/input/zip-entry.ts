// The entries of a zip file (an .xlsx is a zip), each streamed without loading the archive into
// memory. Entries are found through the central directory, so every reader of one file sees the
// same bytes for a name whatever order or duplicates the local headers hold. Only what xlsx files
// use: stored or deflated entries, no zip64, no encryption. The sizes the archive states are only
// used to find bytes; what an entry unpacks to is counted by the caller's streams (xml-guard.ts).

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, Readable, type Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
/** The end record is 22 bytes plus a comment of up to 65,535 bytes. */
const MAX_END_RECORD = 22 + 0xffff;
/** A central directory holds ~100 bytes an entry; a workbook has hundreds of entries, not millions. */
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

interface ZipEntry {
  method: number;
  flags: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/** The zip is damaged or uses what no xlsx needs: the caller names the file. */
export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

export interface ZipArchive {
  has(name: string): boolean;
  /** The entry's unpacked bytes through `transforms` (errors of every stage end the last one), or null. */
  open(name: string, ...transforms: Transform[]): Promise<Readable | null>;
}

async function readDirectory(file: string): Promise<{ size: number; entries: Map<string, ZipEntry> }> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, MAX_END_RECORD);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
        end = i;
        break;
      }
    }
    if (end < 0) throw new ZipFormatError('not a zip file (no end-of-central-directory record)');
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directoryOffset === 0xffffffff || tail.readUInt16LE(end + 10) === 0xffff) throw new ZipFormatError('zip64 archives are not supported');
    if (directorySize > MAX_DIRECTORY_BYTES || directoryOffset + directorySize > size) {
      throw new ZipFormatError(`central directory of ${directorySize} bytes at ${directoryOffset} lies outside the file (${size} bytes)`);
    }
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);

    const entries = new Map<string, ZipEntry>();
    for (let at = 0; at + 46 <= directory.length && directory.readUInt32LE(at) === CENTRAL_FILE_HEADER; ) {
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
      const entry = {
        flags: directory.readUInt16LE(at + 8),
        method: directory.readUInt16LE(at + 10),
        compressedSize: directory.readUInt32LE(at + 20),
        localHeaderOffset: directory.readUInt32LE(at + 42),
      };
      // The first of duplicate names wins, for every reader alike.
      if (!entries.has(name)) entries.set(name, entry);
      at += 46 + nameLength + extraLength + commentLength;
    }
    return { size, entries };
  } finally {
    await handle.close();
  }
}

export async function openZip(file: string): Promise<ZipArchive> {
  const { size, entries } = await readDirectory(file);

  async function openEntry(name: string, transforms: Transform[]): Promise<Readable | null> {
    const entry = entries.get(name);
    if (!entry) return null;
    if (entry.flags & 0x1) throw new ZipFormatError(`zip entry ${name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`zip entry ${name} uses unsupported compression method ${entry.method}`);
    if (entry.compressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) throw new ZipFormatError(`zip entry ${name} needs zip64`);
    const local = Buffer.alloc(30);
    const handle = await open(file, 'r');
    try {
      await handle.read(local, 0, 30, entry.localHeaderOffset);
    } finally {
      await handle.close();
    }
    if (local.readUInt32LE(0) !== LOCAL_FILE_HEADER) throw new ZipFormatError(`zip entry ${name}: no local header at ${entry.localHeaderOffset}`);
    const dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (dataStart + entry.compressedSize > size) throw new ZipFormatError(`zip entry ${name} lies outside the file`);
    const stages: Array<Readable | Transform> = [
      entry.compressedSize === 0 ? Readable.from([]) : createReadStream(file, { start: dataStart, end: dataStart + entry.compressedSize - 1 }),
    ];
    if (entry.method === 8 && entry.compressedSize > 0) stages.push(createInflateRaw({ chunkSize: 64 * 1024 }));
    stages.push(...transforms);
    if (stages.length === 1) return stages[0] as Readable;
    const last = stages.at(-1) as Transform;
    // pipeline destroys every stage with the first error; the caller reads it from the last one.
    pipeline(stages, () => {});
    return last;
  }

  return { has: (name) => entries.has(name), open: (name, ...transforms) => openEntry(name, transforms) };
}

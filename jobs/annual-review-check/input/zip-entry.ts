// Streams one entry of a zip file (an .xlsx is a zip) without loading the archive into memory.
// Only what xlsx files use: stored or deflated entries, no zip64, no encryption.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
/** The end record is 22 bytes plus a comment of up to 65,535 bytes. */
const MAX_END_RECORD = 22 + 0xffff;

interface ZipEntry {
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

async function findEntry(file: string, name: string): Promise<ZipEntry | null> {
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
    if (end < 0) throw new Error('not a zip file (no end-of-central-directory record)');
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);

    for (let at = 0; at + 46 <= directory.length && directory.readUInt32LE(at) === CENTRAL_FILE_HEADER; ) {
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const entryName = directory.toString('utf8', at + 46, at + 46 + nameLength);
      if (entryName === name) {
        return {
          method: directory.readUInt16LE(at + 10),
          compressedSize: directory.readUInt32LE(at + 20),
          localHeaderOffset: directory.readUInt32LE(at + 42),
        };
      }
      at += 46 + nameLength + extraLength + commentLength;
    }
    return null;
  } finally {
    await handle.close();
  }
}

/** The entry's uncompressed bytes as a stream, or null when the archive has no such entry. */
export async function openZipEntry(file: string, name: string): Promise<Readable | null> {
  const entry = await findEntry(file, name);
  if (!entry) return null;
  const handle = await open(file, 'r');
  let local: Buffer;
  try {
    local = Buffer.alloc(30);
    await handle.read(local, 0, 30, entry.localHeaderOffset);
  } finally {
    await handle.close();
  }
  const dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (entry.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(file, { start: dataStart, end: dataStart + entry.compressedSize - 1 });
  if (entry.method === 0) return raw;
  if (entry.method !== 8) throw new Error(`zip entry ${name} uses unsupported compression method ${entry.method}`);
  return raw.pipe(createInflateRaw());
}

import { readFileSync } from 'node:fs';

/**
 * Extracts one face of a TrueType Collection (.ttc) as a standalone .ttf. pdf-lib's fontkit
 * cannot open a collection, and WenQuanYi Micro Hei ships only as one. The tables are copied
 * as they are (they already belong to that face); only the directory offsets change.
 *
 * @example const ttf = extractTtcFace('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 0)
 */
export function extractTtcFace(file: string, faceIndex = 0): Uint8Array {
  const ttc = readFileSync(file);
  if (ttc.toString('latin1', 0, 4) !== 'ttcf') throw new Error(`${file}: not a TrueType collection`);
  const faces = ttc.readUInt32BE(8);
  if (faceIndex < 0 || faceIndex >= faces) throw new Error(`${file}: has ${faces} faces, no face ${faceIndex}`);
  const dir = ttc.readUInt32BE(12 + 4 * faceIndex);
  const numTables = ttc.readUInt16BE(dir + 4);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const rec = dir + 12 + 16 * i;
    return {
      tag: ttc.readUInt32BE(rec),
      checksum: ttc.readUInt32BE(rec + 4),
      offset: ttc.readUInt32BE(rec + 8),
      length: ttc.readUInt32BE(rec + 12),
    };
  });
  const headerSize = 12 + 16 * numTables;
  const padded = (n: number): number => (n + 3) & ~3;
  const total = tables.reduce((sum, t) => sum + padded(t.length), headerSize);
  const out = Buffer.alloc(total);
  ttc.copy(out, 0, dir, dir + 12); // sfnt version, numTables, searchRange, entrySelector, rangeShift
  let cursor = headerSize;
  tables.forEach((t, i) => {
    const rec = 12 + 16 * i;
    out.writeUInt32BE(t.tag, rec);
    out.writeUInt32BE(t.checksum, rec + 4);
    out.writeUInt32BE(cursor, rec + 8);
    out.writeUInt32BE(t.length, rec + 12);
    ttc.copy(out, cursor, t.offset, t.offset + t.length);
    cursor += padded(t.length);
  });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

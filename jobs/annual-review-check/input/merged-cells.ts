// Merged cells of a worksheet. In the xlsx file only the top-left cell of a merged block holds
// the value; the others are empty. A clerk who merges 存款人名称 / 统一社会信用代码 over the rows of
// one company's several accounts means "same value for each row", so the reader fills them in.
// exceljs's streaming reader ignores <mergeCell>, so we read those refs in a quick first pass.

import type { ByteBudget } from './limits';
import { SHEET_TEXT_STARTS, xmlGuardStream } from './xml-guard';
import type { ZipArchive } from './zip-entry';

export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** `AB12` → { row: 12, col: 28 } (1-based). */
function decodeRef(ref: string): { row: number; col: number } | null {
  const match = /^([A-Z]+)(\d+)$/u.exec(ref.replace(/\$/gu, ''));
  if (!match?.[1] || !match[2]) return null;
  let col = 0;
  for (const ch of match[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]), col };
}

export function parseRangeRef(ref: string): MergedRange | null {
  const [from, to = from] = ref.split(':');
  const a = from ? decodeRef(from) : null;
  const b = to ? decodeRef(to) : null;
  if (!a || !b) return null;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/**
 * Merged ranges of a sheet part, sorted by top row. Streams the part (a first pass of its own, as
 * exceljs's reader skips `<mergeCell>`): `read` counts what is unpacked, `held` what is kept.
 */
export async function readMergedRanges(
  archive: ZipArchive,
  part: string,
  maxCellChars: number,
  budgets: { read: ByteBudget; held: ByteBudget },
): Promise<MergedRange[]> {
  // Guarded as the main pass is (a whitespace bomb stops here, not after unpacking all of it).
  const stream = await archive.open(part, xmlGuardStream({ file: budgets.read.file, part, maxCellChars, textStarts: SHEET_TEXT_STARTS, budgets: [budgets.read] }));
  if (!stream) return [];
  const ranges: MergedRange[] = [];
  const pattern = /<mergeCell\b[^>]*\bref="([^"]+)"/gu;
  let carry = '';
  for await (const chunk of stream) {
    const text = carry + (chunk as Buffer).toString('utf8');
    let lastEnd = 0;
    for (const match of text.matchAll(pattern)) {
      budgets.held.spend(match[0].length, `${part} <mergeCells>`);
      const range = match[1] ? parseRangeRef(match[1]) : null;
      if (range) ranges.push(range);
      lastEnd = (match.index ?? 0) + match[0].length;
    }
    // Keep a tail so that a tag cut between two chunks is seen whole next time.
    carry = text.slice(Math.max(lastEnd, text.length - 200));
  }
  return ranges.sort((a, b) => a.top - b.top);
}

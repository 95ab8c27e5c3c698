import type { DiffSegment } from '../../../templates/web/review/view-models';

/** Above this many characters a side, only the common start and end are kept (LCS costs n × m). */
const LCS_LIMIT = 600;

function segments(chars: readonly string[], keep: readonly boolean[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  chars.forEach((c, i) => {
    const changed = !keep[i];
    const last = out.at(-1);
    if (last && last.changed === changed) last.text += c;
    else out.push({ text: c, changed });
  });
  return out;
}

/**
 * Marks what differs between the bank's and the registry's value, character by character (the
 * longest common subsequence is kept unmarked): 有限公司 vs 有限责任公司 marks 责任 on the registry side.
 *
 * @example markDifferences('甲有限公司', '甲有限责任公司').registry
 * // [{ text: '甲有限', changed: false }, { text: '责任', changed: true }, { text: '公司', changed: false }]
 */
export function markDifferences(bank: string, registry: string): { bank: DiffSegment[]; registry: DiffSegment[] } {
  const a = [...bank];
  const b = [...registry];
  const keepA = new Array<boolean>(a.length).fill(false);
  const keepB = new Array<boolean>(b.length).fill(false);
  if (a.length <= LCS_LIMIT && b.length <= LCS_LIMIT) {
    // lengths[i][j] = LCS of a[i..] and b[j..].
    const width = b.length + 1;
    const lengths = new Uint16Array((a.length + 1) * width);
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        lengths[i * width + j] = a[i] === b[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
      }
    }
    for (let i = 0, j = 0; i < a.length && j < b.length; ) {
      if (a[i] === b[j]) {
        keepA[i++] = true;
        keepB[j++] = true;
      } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) i++;
      else j++;
    }
  } else {
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) keepA[start] = keepB[start++] = true;
    for (let i = a.length - 1, j = b.length - 1; i >= start && j >= start && a[i] === b[j]; i--, j--) keepA[i] = keepB[j] = true;
  }
  return { bank: segments(a, keepA), registry: segments(b, keepB) };
}

// Where a JSON text stops being valid, as line and column, without a word of its content. V8's
// own message quotes the text around the error ("Unexpected token 'h', ..."assword": hunter2sec"...
// is not valid JSON"), which put part of a password in a log; and only some of its messages give
// a position. So the position is found with the engine's own parser: a prefix that ends before the
// error fails only at its end (or parses), one that holds the error fails inside; binary search.

/** The error's offset if V8 names one ("… in JSON at position 29"). */
function positionOf(error: unknown): number | null {
  const match = /\bat position (\d+)/u.exec(error instanceof Error ? error.message : '');
  return match ? Number(match[1]) : null;
}

/** Does JSON.parse of this prefix fail before its last character? */
function failsInside(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (error) {
    if (error instanceof Error && /^Unexpected end of JSON input/u.test(error.message)) return false;
    const position = positionOf(error);
    return position === null || position < prefix.length;
  }
}

/** Offset of the first character JSON.parse refuses (text.length when the text just ends too early). */
export function jsonErrorOffset(text: string): number {
  // The shortest failing prefix ends with the offending character.
  let low = 0;
  let high = text.length;
  if (!failsInside(text)) return text.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (failsInside(text.slice(0, middle + 1))) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** 1-based line and column (in characters) of an offset. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: (before.match(/\n/gu)?.length ?? 0) + 1, column: offset - lineStart + 1 };
}

/** "line 3, column 17" of the first error of a text JSON.parse refused. */
export function jsonErrorLocation(text: string): { line: number; column: number } {
  return lineColumnOf(text, jsonErrorOffset(text));
}

/** "共 1,234 条" (the total a bank portal states under a table) → 1234; undefined when absent. */
export function parseStatedTotal(text: string): number | undefined {
  const m = /共\s*([\d,]+)\s*条/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
}

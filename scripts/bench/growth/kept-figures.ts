// Figures read back from a section kept as text (docs/benchmarks.json `kept`: its markdown as the
// doc had it before the bench kept structured figures). Kept text never changes once written and
// is dropped when its section is measured again, so reading it is stable; a table or phrase that
// is not there gives `undefined`, never a zero.

/** The markdown tables of a text: header cells and body rows, cells trimmed, bold marks removed. */
export function markdownTables(markdown: string): { head: string[]; rows: string[][] }[] {
  const tables: { head: string[]; rows: string[][] }[] = [];
  const cells = (line: string): string[] => line.trim().replace(/^\|/u, '').replace(/\|$/u, '').split('|').map((c) => c.trim().replace(/\*\*/gu, ''));
  const lines = markdown.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]!.trim().startsWith('|') || !/^\|[\s:|-]+\|$/u.test(lines[i + 1]!.trim())) continue;
    const head = cells(lines[i]!);
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && lines[j]!.trim().startsWith('|'); j++) rows.push(cells(lines[j]!));
    tables.push({ head, rows });
    i = j - 1;
  }
  return tables;
}

/** "1,000,000" → 1000000; "—", "" or anything not a number → undefined. */
export function numberCell(cell: string | undefined): number | undefined {
  if (cell === undefined) return undefined;
  const text = cell.replace(/,/gu, '').trim();
  if (!/^-?\d+(\.\d+)?$/u.test(text)) return undefined;
  return Number(text);
}

export interface KeptReport {
  records: number;
  wallMs: number;
  treeCpuMs: number;
  peakPssMb: number;
}

/** A daily-report section's stage table and its memory sentence ("… PSS 784 MB; tree CPU 52.6 s"). */
export function keptReportFigures(markdown: string): KeptReport | undefined {
  const stages = markdownTables(markdown).find((t) => t.head[0] === 'stage' && t.head.includes('records'));
  if (!stages) return undefined;
  const recordsAt = stages.head.indexOf('records');
  const extraction = stages.rows.filter((r) => r[0]!.startsWith('extraction:'));
  const counts = extraction.map((r) => numberCell(r[recordsAt]));
  const wall = stages.rows.find((r) => r[0]!.startsWith('trigger → delivered'));
  const wallS = numberCell(wall?.[1]);
  const pss = /PSS (\d+) MB/u.exec(markdown);
  const cpu = /tree CPU ([\d.]+) s/u.exec(markdown);
  if (!extraction.length || counts.some((c) => c === undefined) || wallS === undefined || !pss || !cpu) return undefined;
  return {
    records: counts.reduce<number>((a, c) => a + c!, 0),
    wallMs: wallS * 1000,
    treeCpuMs: Number(cpu[1]) * 1000,
    peakPssMb: Number(pss[1]),
  };
}

export interface KeptEngineRow {
  accounts: number;
  totalMs: number;
  totalCpuMs: number;
  peakRssMb: number;
}

/** The engine section's table, one row per size (columns found by their headers). */
export function keptEngineFigures(markdown: string): KeptEngineRow[] {
  const t = markdownTables(markdown).find((x) => x.head[0] === 'accounts' && x.head.includes('whole pass CPU s'));
  if (!t) return [];
  const at = (name: string) => t.head.indexOf(name);
  const out: KeptEngineRow[] = [];
  for (const r of t.rows) {
    const accounts = numberCell(r[0]);
    const totalS = numberCell(r[at('whole pass s')]);
    const totalCpuS = numberCell(r[at('whole pass CPU s')]);
    const rss = numberCell(r[at('peak RSS MB')]);
    if (accounts === undefined || totalS === undefined || totalCpuS === undefined || rss === undefined) continue;
    out.push({ accounts, totalMs: totalS * 1000, totalCpuMs: totalCpuS * 1000, peakRssMb: rss });
  }
  return out;
}

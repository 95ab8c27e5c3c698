import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** The audit log's entries, oldest first; a broken line is reported with its number, not skipped silently. */
export async function readAudit(file: string): Promise<Record<string, unknown>[]> {
  if (!existsSync(file)) return [];
  const lines = (await readFile(file, 'utf8')).split('\n');
  return lines.flatMap((line, i) => {
    if (!line.trim()) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      throw new Error(`${file}:${i + 1}: not a JSON line`);
    }
  });
}

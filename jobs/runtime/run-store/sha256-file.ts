import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';

/** The sha256 and size of a run's output, as its manifest records them. */
export async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const buf = await readFile(file);
  return { sha256: createHash('sha256').update(buf).digest('hex'), bytes: (await stat(file)).size };
}

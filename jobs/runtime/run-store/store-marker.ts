import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * The file at the root of a run store that says which store it is. Several workers on several
 * machines must share one run store (a build reads what every extraction wrote); a host whose
 * OPSBOT_RUNS_DIR is a local folder instead of the shared mount would build from half the sources.
 * Paths cannot tell (one mount may be /mnt/runs on one host and /srv/runs on another), so the
 * store carries an id, written once at the first start, and Redis records the id every worker
 * must see (shared-run-store.ts).
 */
export const STORE_MARKER = '.opsbot-store.json';

export const StoreMarker = z.object({
  /** A random id, the store's identity. */
  id: z.string().min(8),
  /** The root as the process that made the marker saw it (for messages; other hosts may mount it elsewhere). */
  root: z.string(),
  createdAt: z.string(),
});
export type StoreMarker = z.infer<typeof StoreMarker>;

/** The marker of the store at `root`, or undefined when it has none yet. A damaged marker throws, naming the file. */
export async function readStoreMarker(root: string): Promise<StoreMarker | undefined> {
  const file = path.join(root, STORE_MARKER);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const parsed = StoreMarker.safeParse(safeJson(text));
  if (!parsed.success) throw new Error(`${file}: not a run store marker (remove it only if this folder is not the shared run store)`);
  return parsed.data;
}

/**
 * The store's marker, made now if it has none. Made with O_EXCL: two workers starting at once on
 * a fresh store agree on one id (the loser reads the winner's).
 */
export async function ensureStoreMarker(root: string, dirMode = 0o700): Promise<{ marker: StoreMarker; created: boolean }> {
  const existing = await readStoreMarker(root);
  if (existing) return { marker: existing, created: false };
  await mkdir(root, { recursive: true, mode: dirMode });
  const marker: StoreMarker = { id: randomUUID(), root, createdAt: new Date().toISOString() };
  try {
    await writeFile(path.join(root, STORE_MARKER), `${JSON.stringify(marker, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    return { marker, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // The winner may be between creating the file and writing it: give it a moment.
    for (let i = 0; i < 20; i++) {
      const winner = await readStoreMarker(root).catch(() => undefined);
      if (winner) return { marker: winner, created: false };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw err;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

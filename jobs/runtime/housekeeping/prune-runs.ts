import { existsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { RunStore, type RunManifest } from '../run-store';

export interface RetentionPolicy {
  /** Runs that went well are kept this many days after they finished. */
  retentionDays: number;
  /** Failed and partial runs — whose evidence explains what went wrong — are kept this long. */
  failedRetentionDays: number;
}

export interface PruneResult {
  removed: string[];
  kept: number;
  /** Folders that could not be judged (no readable manifest) — left alone and named. */
  unreadable: string[];
}

const DAY = 86_400_000;

/**
 * Removes run folders older than the retention; failed and partial runs (with their evidence) are
 * kept longer. Age counts from the manifest's finish time. Unfinished (staging) folders are removed
 * only when untouched for the failed retention — a run in progress is never pruned.
 */
export async function pruneRuns(root: string, policy: RetentionPolicy, now = new Date()): Promise<PruneResult> {
  const store = new RunStore(root);
  const result: PruneResult = { removed: [], kept: 0, unreadable: [] };
  if (!existsSync(root)) return result;
  for (const job of await readdir(root)) {
    for (const date of await readdir(path.join(root, job)).catch(() => [] as string[])) {
      const dateDir = path.join(root, job, date);
      for (const entry of await readdir(dateDir).catch(() => [] as string[])) {
        const dir = path.join(dateDir, entry);
        const old = await isTooOld(store, dir, entry, policy, now);
        if (old === 'unreadable') result.unreadable.push(dir);
        else if (old) {
          await rm(dir, { recursive: true, force: true });
          result.removed.push(dir);
        } else result.kept += 1;
      }
    }
  }
  return result;
}

async function isTooOld(store: RunStore, dir: string, entry: string, policy: RetentionPolicy, now: Date): Promise<boolean | 'unreadable'> {
  if (/^r\d+\.staging$/.test(entry)) return now.getTime() - (await stat(dir)).mtimeMs > policy.failedRetentionDays * DAY;
  if (!/^r\d+$/.test(entry)) return false;
  let manifest: RunManifest;
  try {
    manifest = await store.read(dir);
  } catch {
    return 'unreadable';
  }
  const days = manifest.status === 'ok' ? policy.retentionDays : policy.failedRetentionDays;
  return now.getTime() - Date.parse(manifest.finishedAt) > days * DAY;
}

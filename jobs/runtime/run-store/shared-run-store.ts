import os from 'node:os';
import { z } from 'zod';
import { ensureStoreMarker, readStoreMarker, STORE_MARKER, type StoreMarker } from './store-marker';

/** What Redis records of the run store every worker must share: its marker's id and where it was seen first. */
export const SharedStoreRecord = z.object({ id: z.string(), root: z.string(), host: z.string(), recordedAt: z.string() });
export type SharedStoreRecord = z.infer<typeof SharedStoreRecord>;

/** The two Redis commands this needs (an ioredis client has them); kept narrow so tests can see what is used. */
export interface StoreRecordRedis {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, nx: 'NX'): Promise<'OK' | null>;
}

/** The key of the record, beside the locks every process on this Redis agrees on (`coordinationPrefix`). */
export function sharedStoreKey(coordinationPrefix: string): string {
  return `${coordinationPrefix}:run-store`;
}

export class RunStoreMismatchError extends Error {
  override name = 'RunStoreMismatchError';
}

/**
 * Why the store at `root` (with marker `local`, or none) is not the recorded shared store, or
 * undefined when it is. The message names both paths and says what to do.
 */
export function mismatchOf(root: string, local: StoreMarker | undefined, recorded: SharedStoreRecord | undefined): string | undefined {
  if (!recorded || local?.id === recorded.id) return undefined;
  const what = local ? `holds another store's marker (${STORE_MARKER} id ${local.id})` : `has no ${STORE_MARKER}`;
  return (
    `run store ${root} is not the run store the other workers share: that one was first seen at ${recorded.root} ` +
    `(on ${recorded.host}, id ${recorded.id}), and ${root} ${what}. ` +
    'Set OPSBOT_RUNS_DIR to the shared mount on this host (every worker, the scheduler and opsbot web need the same store).'
  );
}

/**
 * A worker's start: makes the store's marker if it has none and records it in Redis when no store
 * is recorded yet; refuses (throws RunStoreMismatchError) when Redis records another store. A store
 * with no marker is refused as soon as a store is recorded — it is not marked, so the wrong folder
 * stays untouched.
 */
export async function claimSharedRunStore(redis: StoreRecordRedis, coordinationPrefix: string, root: string, dirMode = 0o700): Promise<{ marker: StoreMarker; recorded: SharedStoreRecord }> {
  const key = sharedStoreKey(coordinationPrefix);
  const before = await recordedStore(redis, coordinationPrefix);
  const refused = mismatchOf(root, await readStoreMarker(root), before);
  if (refused) throw new RunStoreMismatchError(refused);
  const { marker } = await ensureStoreMarker(root, dirMode);
  if (before) return { marker, recorded: before };
  const mine: SharedStoreRecord = { id: marker.id, root, host: os.hostname(), recordedAt: new Date().toISOString() };
  if ((await redis.set(key, JSON.stringify(mine), 'NX')) === 'OK') return { marker, recorded: mine };
  // Another worker recorded its store between our read and our write: compare with that one.
  const winner = await recordedStore(redis, coordinationPrefix);
  const late = mismatchOf(root, marker, winner);
  if (late) throw new RunStoreMismatchError(late);
  return { marker, recorded: winner! };
}

/** The store Redis records as shared, or undefined when no worker has started yet. */
export async function recordedStore(redis: Pick<StoreRecordRedis, 'get'>, coordinationPrefix: string): Promise<SharedStoreRecord | undefined> {
  const raw = await redis.get(sharedStoreKey(coordinationPrefix));
  if (raw === null) return undefined;
  const parsed = SharedStoreRecord.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error(`Redis key ${sharedStoreKey(coordinationPrefix)} does not hold a run store record`);
  return parsed.data;
}

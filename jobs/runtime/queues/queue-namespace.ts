import { randomBytes } from 'node:crypto';
import { config } from '../config';

/**
 * Where this process's queues live. Portals are bound per deployment — by its config, or by the
 * fixture world a process serves (`--with-fixtures` writes that world's URLs and logins into the
 * process config) — never by a job. So a process that serves its own fixture world is a deployment
 * of its own: its queues live under `<queuePrefix>:world-<random id>`, where no other process's
 * worker takes its jobs (they would log in to the wrong portals, or be sent the wrong passwords)
 * and its worker takes no one else's (a production run must never extract from fixture portals).
 *
 * What keeps runs of one (job, date) apart — the trigger lock and the revisions in the run store —
 * stays shared: `coordinationPrefix()` is the same for every process on this Redis.
 */
let world: string | undefined;

/** Moves this process's queues into a namespace of their own (idempotent); returns the world's id. */
export function useOwnWorldQueues(): string {
  world ??= randomBytes(6).toString('hex');
  return world;
}

/** The BullMQ prefix of this process's queues. */
export function queuePrefix(): string {
  const base = config().queuePrefix;
  return world ? `${base}:world-${world}` : base;
}

/** The prefix of keys every process on this Redis agrees on (locks), whatever world it serves. */
export function coordinationPrefix(): string {
  return config().queuePrefix;
}

/** This process's world id, when it serves its own fixture world. */
export function ownWorld(): string | undefined {
  return world;
}

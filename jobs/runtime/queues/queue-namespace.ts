import { randomBytes } from 'node:crypto';

/**
 * Where a process's queues live. Portals are bound per deployment — by its config, or by the
 * fixture world a process serves (`--with-fixtures` writes that world's URLs and logins into the
 * config it hands on) — never by a job. So a process that serves its own fixture world is a
 * deployment of its own: its queues live under `<queuePrefix>:world-<random id>`, where no other
 * process's worker takes its jobs (they would log in to the wrong portals, or be sent the wrong
 * passwords) and its worker takes no one else's (a production run must never extract from fixture
 * portals).
 *
 * What keeps runs of one (job, date) apart — the trigger lock and the revisions in the run store —
 * stays shared: `coordinationPrefix` is the same for every process on this Redis.
 */
export interface QueueNamespace {
  /** The BullMQ prefix of this process's queues. */
  prefix: string;
  /** The prefix of keys every process on this Redis agrees on (locks), whatever world it serves. */
  coordinationPrefix: string;
  /** This process's world id, when it serves its own fixture world. */
  world?: string;
}

/** The namespace of the deployment's queues (`base`: config `queuePrefix`), or of a fixture world's. */
export function queueNamespace(base: string, world?: string): QueueNamespace {
  return world ? { prefix: `${base}:world-${world}`, coordinationPrefix: base, world } : { prefix: base, coordinationPrefix: base };
}

/** A new fixture world's id: never used again, so its queues are its own. */
export function newWorldId(): string {
  return randomBytes(6).toString('hex');
}

import type { AnyBot } from '../../bots/sdk';
import type { JobDefinition } from '../define-job';

// The runtime is handed the jobs and bots it may run by the composition root (scripts/app), never
// reaching for the registries (jobs/index.ts, bots/index.ts) itself: a test hands it a job of its
// own, and the dependency rule (.dependency-cruiser.cjs) keeps it that way.

/** The jobs a process may run, by id. */
export type JobRegistry = ReadonlyMap<string, JobDefinition>;

/** The bots a process may run, by id. */
export type BotRegistry = ReadonlyMap<string, AnyBot>;

/** The job of `id`, or an error naming the jobs there are. */
export function jobIn(jobs: JobRegistry, id: string): JobDefinition {
  const job = jobs.get(id);
  if (!job) throw new Error(`unknown job ${JSON.stringify(id)}; jobs: ${[...jobs.keys()].join(', ')}`);
  return job;
}

/** The bot of `id`, or an error naming the bots there are. */
export function botIn(bots: BotRegistry, id: string): AnyBot {
  const bot = bots.get(id);
  if (!bot) throw new Error(`unknown bot ${id}; registered: ${[...bots.keys()].join(', ')}`);
  return bot;
}

import type { Queue } from 'bullmq';
import type { EffectiveSchedule } from '../schedules';
import type { TriggerPayload } from './trigger-queue';

/**
 * Puts schedules into BullMQ's job schedulers (id = job name). Upserting is idempotent and BullMQ
 * alone fires, with one deterministic job id per fire time (`repeat:<job>:<ms>`), so any number of
 * schedulers and CLIs may apply the same schedules at once: no duplicate fire, none lost.
 * A paused schedule's job scheduler is removed (with its pending fire).
 */
export async function applySchedule(queue: Queue<TriggerPayload>, s: EffectiveSchedule): Promise<'upserted' | 'removed'> {
  if (s.paused) {
    await queue.removeJobScheduler(s.job);
    return 'removed';
  }
  await queue.upsertJobScheduler(s.job, { pattern: s.cron, tz: s.tz }, {
    name: s.job,
    data: { job: s.job },
    opts: { attempts: 5, backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 }, removeOnComplete: { age: 30 * 86_400 }, removeOnFail: { age: 90 * 86_400 } },
  });
  return 'upserted';
}

export async function applySchedules(queue: Queue<TriggerPayload>, schedules: EffectiveSchedule[]): Promise<Record<string, 'upserted' | 'removed'>> {
  const out: Record<string, 'upserted' | 'removed'> = {};
  for (const s of schedules) out[s.job] = await applySchedule(queue, s);
  return out;
}

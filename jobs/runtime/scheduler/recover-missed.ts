import { firesBetween } from '../schedules';
import { handleFire, type FireDeps, type FireOutcome } from './handle-fire';

/** How far back recovery looks: longer outages are an incident for people, not for a replay. */
const LOOKBACK_MS = 14 * 86_400_000;

/**
 * Run on every scheduler and worker start: fires that came while nothing was up (BullMQ keeps only
 * the next fire of a job scheduler, so the ones in between are simply gone) are handled now — run
 * once if within the schedule's catch-up window, else skipped and alerted.
 */
export async function recoverMissedFires(deps: FireDeps): Promise<{ job: string; fireAt: Date; result: FireOutcome }[]> {
  const now = deps.now();
  const out: { job: string; fireAt: Date; result: FireOutcome }[] = [];
  for (const s of await deps.book.all()) {
    if (s.paused) continue;
    const last = await deps.fires.last(s.job);
    if (!last) {
      await deps.fires.startIfNew(s.job, now);
      continue;
    }
    const from = new Date(Math.max(last.getTime(), now.getTime() - LOOKBACK_MS));
    for (const fireAt of firesBetween(s, from, now)) {
      out.push({ job: s.job, fireAt, result: await handleFire(s.job, fireAt, deps) });
    }
  }
  return out;
}

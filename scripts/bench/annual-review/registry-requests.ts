// What the fixture registry was asked during a benchmark run, by its own count: the requests that
// reached its rate limit, those it refused (429), those it served a page for, and the rest
// (answered "系统繁忙" or with an error by its fault injection). `served` is the work the run needed:
// every lookup's search, detail and record-tab pages (and the reader's one opening of the portal),
// so served ÷ the allowed rate is the floor the limit sets on the run.

import type { PortalApp } from '../../../fixtures/kit/portal-app';

export interface RegistryRequests {
  arrived: number;
  refused: number;
  served: number;
  /** Arrived, not refused, not served: busy pages and injected errors (each retried by the bot). */
  busy: number;
}

/** Starts counting what `registry` is asked (before it listens); `snapshot()` reads the counts so far. */
export function countRegistryRequests(registry: PortalApp): { snapshot(): RegistryRequests } {
  let arrived = 0;
  let refused = 0;
  let served = 0;
  const faults = registry.faults;
  const overRateLimit = faults.overRateLimit.bind(faults);
  // Every request meets the rate limit first (fixtures/kit/portal-app.ts, injectFaults).
  faults.overRateLimit = (now?: number) => {
    arrived++;
    const wait = overRateLimit(now);
    if (wait > 0) refused++;
    return wait;
  };
  // Middleware added now runs after the fault injection: only what gets a page reaches it.
  registry.app.use(() => {
    served++;
    return false;
  });
  return { snapshot: () => ({ arrived, refused, served, busy: arrived - refused - served }) };
}

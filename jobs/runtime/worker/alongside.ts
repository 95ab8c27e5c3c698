// A job's work alongside one of its extractions (JobDefinition.alongside), guarded: whatever it
// does wrong is logged and ends it, and never fails the extraction, since the build must give the
// same outputs without it (it is only a head start).

import type { BotRuntime } from '../../../bots/sdk';
import type { Alongside } from '../../define-job';
import type { ExtractPayload } from '../queues';
import type { RuntimeDeps } from '../runtime-deps';

/** Started for this extraction when its job asks for it, else a no-op. */
export function startAlongside(
  runtime: BotRuntime,
  deps: Pick<RuntimeDeps, 'jobs' | 'log'>,
  payload: Pick<ExtractPayload, 'job' | 'date' | 'runDir' | 'botId' | 'input'>,
  signal?: AbortSignal,
): { onRecord?: (record: unknown) => void; finish(ok: boolean): Promise<void> } {
  const spec = deps.jobs.get(payload.job)?.alongside;
  if (!spec || spec.source !== payload.botId) return { finish: async () => undefined };
  const log = deps.log.child({ job: payload.job, alongside: payload.botId });
  let work: Alongside | undefined;
  try {
    work = spec.start({ job: payload.job, date: payload.date, runDir: payload.runDir, input: payload.input, log, browser: runtime.browser, ...(signal ? { signal } : {}) });
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'work alongside the extraction could not start; the build does it all');
  }
  return {
    onRecord: (record) => {
      if (!work) return;
      try {
        work.record(record);
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'work alongside the extraction failed; the build does the rest');
        work = undefined;
      }
    },
    finish: async (ok) => {
      try {
        await work?.finish(ok);
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'work alongside the extraction failed; the build does the rest');
      }
    },
  };
}

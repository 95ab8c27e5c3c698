import { UnrecoverableError, type Job } from 'bullmq';
import { actor, appendAudit } from '../audit';
import { runtimePaths } from '../config';
import type { RuntimeDeps } from '../runtime-deps';
import { RefusedPayload } from './payload-checks';

/**
 * A job's payload after `check`, before its processor does anything with it. A refused payload
 * fails the job at once and for good (UnrecoverableError: no retry makes it acceptable), says why
 * in the worker's log and leaves a line in the audit log: opsbot never makes such a job, so someone
 * wrote it into Redis by hand (Bull Board's "add job", a forged entry), and an admin must look.
 */
export async function admitted<T>(
  queue: string,
  job: Pick<Job, 'id' | 'name' | 'data'>,
  check: (data: unknown) => T | Promise<T>,
  deps: Pick<RuntimeDeps, 'config' | 'log'>,
): Promise<T> {
  try {
    return await check(job.data);
  } catch (err) {
    if (!(err instanceof RefusedPayload)) throw err;
    const reason = err.message;
    const logger = deps.log.child({ component: 'worker' });
    logger.error({ queue, job: job.id, name: job.name, reason }, 'job refused: not a payload opsbot makes');
    await appendAudit(runtimePaths(deps.config).auditLog, { who: actor(deps.config.adminName), action: 'job refused', subject: `${queue}/${job.id ?? '(no id)'}`, before: null, after: { queue, job: job.id ?? null, name: job.name ?? null, reason } })
      .catch((e: unknown) => logger.error({ queue, job: job.id, err: (e as Error).message }, 'could not write the refusal to the audit log'));
    throw new UnrecoverableError(`refused ${queue} job ${job.id ?? '(no id)'}: ${reason}`);
  }
}

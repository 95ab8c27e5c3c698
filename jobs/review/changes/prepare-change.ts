import type { Queue } from 'bullmq';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../runtime/audit';
import type { Database } from '../../runtime/db';
import { coversBranch, DecisionError, mayPropose, type Reviewer } from '../decisions';
import { enqueueAfterCommit, type ChangeJobData } from './change-queue';
import { isWritableField } from './writable-fields';

/** Postgres' unique_violation: the case already has a request in flight (change_requests_active_idx). */
const UNIQUE_VIOLATION = '23505';

/**
 * 准备变更申请: a clerk (or admin) asks for the registry's value to be written into core banking for
 * a confirmed case of a writable field. Inserts the request as `preparing` with audit
 * `change.prepared`, then enqueues the dry-run job that fills the form and keeps its screenshot.
 * The database allows one request in flight per case, so a second click is refused, not doubled.
 * An enqueue that fails after the commit is returned as `enqueueError` (requeue-changes.ts adds it).
 */
export async function prepareChange(
  db: Kysely<Database>,
  queue: Queue<ChangeJobData>,
  reviewer: Reviewer,
  request: { caseId: number },
): Promise<{ requestId: number; enqueueError?: Error }> {
  if (!mayPropose(reviewer)) throw new DecisionError('forbidden', '只有经办或管理员可以准备变更申请。');
  const { caseId } = request;
  const requestId = await db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
    if (!found) throw new DecisionError('notFound', `案件 ${caseId} 不存在。`);
    if (!coversBranch(reviewer, found.branch)) throw new DecisionError('forbidden', `案件 ${caseId} 属于网点 ${found.branch}，不在您的网点范围内。`);
    if (found.state !== 'confirmed') throw new DecisionError('state', `案件 ${caseId} 尚未确认，不能准备变更申请。`);
    if (!isWritableField(found.field)) throw new DecisionError('state', `字段 ${found.field} 不能通过变更申请写回核心系统。`);
    const inserted = await trx
      .insertInto('change_requests')
      .values({ case_id: caseId, field: found.field, new_value: found.registry_value, state: 'preparing', prepared_by: reviewer.name })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw new DecisionError('state', `案件 ${caseId} 已有进行中的变更申请。`);
        throw err;
      });
    await recordAudit(trx, {
      actor: reviewer.name,
      action: 'change.prepared',
      subject: `change:${inserted.id}`,
      before: null,
      after: { caseId, field: found.field, newValue: found.registry_value, state: 'preparing', version: inserted.version },
    });
    return Number(inserted.id);
  });
  // After the commit: the job reads the row. A lost enqueue leaves it `preparing` for the sweep.
  const enqueueError = await enqueueAfterCommit(queue, requestId, 'dry-run');
  return enqueueError ? { requestId, enqueueError } : { requestId };
}

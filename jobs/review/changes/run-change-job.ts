import path from 'node:path';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import customerChangeBot from '../../../bots/core-banking/customer-change.bot';
import type { CustomerChangeResult } from '../../../bots/core-banking/customer-change/change-input';
import { ChangeRejectedError } from '../../../bots/core-banking/customer-change/change-rejected-error';
import { NonRetryableError, runBot, type BotRuntime } from '../../../bots/sdk';
import { readJsonlValues } from '../../../bots/sdk/jsonl-reader';
import { recordAudit } from '../../runtime/audit';
import type { ChangeRequestState, Database } from '../../runtime/db';
import type { ChangeJobData } from './change-queue';

export interface ChangeJobDeps {
  db: Kysely<Database>;
  runtime: BotRuntime;
  /** Each attempt's bot output goes under `<varDir>/changes/request-<id>/`; screenshots are stored relative to varDir. */
  varDir: string;
  log: Logger;
}

/** Kinds where the clerk must act (fix the value, check the account): the case goes back to them. */
const RETURNED_KINDS = new Set(['validation', 'account-not-found']);

/**
 * The write-back job: runs core-banking.customer-change for one change request and records what it
 * did on the request. `dry-run`: the screenshot, state `prepared`. `submit`: state `submitting`
 * before the bot runs (a retry or a restarted worker finds it so and runs again, the bot searching
 * for the case's request before filing), then the 申请编号 and `submitted` (audit change.submitted).
 * The portal's refusals end the request as `failed` with its words (never retried); validation and
 * a missing account also return it to the clerk (audit change.returned). An approved request whose
 * case a run has closed since is not submitted: `failed`, saying why.
 */
export function changeJobProcessor(deps: ChangeJobDeps) {
  return async (job: Job<ChangeJobData>): Promise<CustomerChangeResult | { skipped: string }> => {
    const { requestId, mode } = job.data;
    const log = deps.log.child({ component: 'write-back', requestId, mode, attempt: job.attemptsMade + 1 });
    const row = await deps.db
      .selectFrom('change_requests')
      .innerJoin('cases', 'cases.id', 'change_requests.case_id')
      .select(['change_requests.id', 'change_requests.case_id', 'change_requests.state', 'change_requests.field', 'change_requests.new_value', 'change_requests.version', 'cases.account_no', 'cases.state as case_state'])
      .where('change_requests.id', '=', requestId)
      .executeTakeFirst();
    if (!row) throw new UnrecoverableError(`change request ${requestId} does not exist`);
    const runnable: ChangeRequestState[] = mode === 'dry-run' ? ['preparing'] : ['approved', 'submitting'];
    if (!runnable.includes(row.state)) {
      log.info({ state: row.state }, 'nothing to do: the request is past this step');
      return { skipped: row.state };
    }
    if (mode === 'submit' && row.state === 'approved' && row.case_state !== 'confirmed') {
      // A run closed the case after the approval: its values are no longer what was approved. Not
      // yet submitting, so nothing reached core banking; a request already `submitting` goes on
      // (the bot may have filed it; its search finds that).
      await recordCaseClosed(deps.db, requestId, row.case_state);
      log.warn({ caseState: row.case_state }, 'case closed since the approval: change request not submitted');
      return { skipped: `case ${row.case_state}` };
    }
    if (mode === 'submit') await moveTo(deps.db, requestId, ['approved', 'submitting'], { state: 'submitting' });

    const runDir = path.join(deps.varDir, 'changes', `request-${requestId}`, `${mode}-attempt-${job.attemptsMade + 1}`);
    const input = { caseId: Number(row.case_id), accountNo: row.account_no, field: row.field, newValue: row.new_value, mode, ...(mode === 'submit' ? { approvalId: requestId } : {}) };
    let result: CustomerChangeResult;
    try {
      const ran = await runBot(deps.runtime, customerChangeBot, input, { runDir });
      result = await recordOf(path.join(runDir, ran.file));
    } catch (err) {
      const final = err instanceof NonRetryableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final) await recordFailure(deps.db, requestId, mode, err as Error, runDir, deps.varDir);
      if (err instanceof NonRetryableError) throw new UnrecoverableError(err.message);
      throw err;
    }
    const screenshot = path.relative(deps.varDir, path.join(runDir, result.screenshot));
    if (mode === 'dry-run') {
      await moveTo(deps.db, requestId, ['preparing'], { state: 'prepared', screenshot });
      log.info({ screenshot }, 'change request prepared');
    } else {
      await deps.db.transaction().execute(async (trx) => {
        await moveTo(trx, requestId, ['submitting'], { state: 'submitted', request_no: result.requestNo!, submitted_at: new Date(), error: null });
        await recordAudit(trx, {
          actor: 'system', action: 'change.submitted', subject: `change:${requestId}`,
          before: { state: 'submitting' },
          after: { state: 'submitted', requestNo: result.requestNo!, caseId: Number(row.case_id), ...(result.existing ? { existing: true } : {}), screenshot },
        });
      });
      log.info({ requestNo: result.requestNo, existing: result.existing ?? false }, 'change request submitted');
    }
    return result;
  };
}

type Db = Kysely<Database>;
type Change = { state: ChangeRequestState; screenshot?: string; request_no?: string; submitted_at?: Date; error?: string | null };

/** UPDATE from one of `from` (version + 1); no row = another worker moved it first, which is a bug to see. */
async function moveTo(db: Db, requestId: number, from: ChangeRequestState[], set: Change): Promise<void> {
  const updated = await db
    .updateTable('change_requests')
    .set((eb) => ({ ...set, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', requestId)
    .where('state', 'in', from)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw new UnrecoverableError(`change request ${requestId} is no longer ${from.join(' or ')}`);
}

/** The record a customer-change run writes, one per run (runBot validated it before storing it). */
async function recordOf(file: string): Promise<CustomerChangeResult> {
  for await (const value of readJsonlValues(file)) return value as CustomerChangeResult;
  throw new Error(`${file}: the customer-change bot wrote no record`);
}

/** `approved` → `failed` without running the bot, because a run closed the case; audit change.failed. */
async function recordCaseClosed(db: Db, requestId: number, caseState: string): Promise<void> {
  const message = caseState === 'superseded' ? '案件数值已变化（已被新案件取代），变更申请未提交。' : `案件已${caseState === 'resolved' ? '解决' : '关闭'}，变更申请未提交。`;
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('change_requests')
      .set((eb) => ({ state: 'failed' as const, error: message, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', requestId)
      .where('state', '=', 'approved')
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new UnrecoverableError(`change request ${requestId} is no longer approved`);
    await recordAudit(trx, { actor: 'system', action: 'change.failed', subject: `change:${requestId}`, before: { state: 'approved' }, after: { state: 'failed', mode: 'submit', error: message, caseState } });
  });
}

/** `failed` with the portal's words (or the error) and the evidence kept; audit failed, and returned when the clerk must act. */
async function recordFailure(db: Db, requestId: number, mode: string, err: Error, runDir: string, varDir: string): Promise<void> {
  const rejected = err instanceof ChangeRejectedError ? err : undefined;
  const message = rejected ? rejected.portalMessage : err.message.split('\n')[0]!;
  const evidence = (rejected?.evidence ?? []).map((e) => path.relative(varDir, path.join(runDir, e)));
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('change_requests')
      .set((eb) => ({ state: 'failed' as const, error: message, ...(evidence[0] ? { screenshot: evidence.find((e) => e.endsWith('.png')) ?? evidence[0] } : {}), updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', requestId)
      .where('state', 'in', ['preparing', 'submitting'])
      .returning(['id', 'case_id'])
      .executeTakeFirst();
    if (!updated) return;
    const after = { state: 'failed', mode, error: message, ...(rejected ? { kind: rejected.kind } : {}), evidence };
    await recordAudit(trx, { actor: 'system', action: 'change.failed', subject: `change:${requestId}`, before: null, after });
    if (rejected && RETURNED_KINDS.has(rejected.kind)) {
      await recordAudit(trx, { actor: 'system', action: 'change.returned', subject: `case:${Number(updated.case_id)}`, before: null, after: { changeId: requestId, error: message } });
    }
  });
}

import path from 'node:path';
import type { Queue } from 'bullmq';
import type { Request, Response, Router } from 'express';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../runtime/db';
import { currentUser, requireRole } from '../../runtime/web';
import { coversBranch, DecisionError, parseAnswer, type Reviewer } from '../decisions';
import { approveChange } from './approve-change';
import type { ChangeJobData } from './change-queue';
import { prepareChange } from './prepare-change';
import { rejectChange } from './reject-change';

export interface WriteBackOptions {
  queue: Queue<ChangeJobData>;
  /** Where a job that could not be enqueued after the commit is reported (the sweep adds it later). */
  log: Logger;
  /** Where the write-back jobs keep their screenshots (config varDir). */
  varDir: string;
}

const idOf = (raw: unknown): number | undefined => (typeof raw === 'string' && /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : undefined);

/**
 * The write-back's routes on the workbench router:
 * - POST /cases/:id/change/prepare   准备变更申请 (clerk, admin)
 * - POST /cases/:id/change/approve   批准提交 (checker, admin; never the preparer)
 * - POST /cases/:id/change/reject    驳回, with a comment (checker, admin; never the preparer)
 * - GET  /cases/:id/change/:rid/screenshot  the request's screenshot (users of the case's branch)
 * A refusal re-renders the case through `refuse` (status by kind); nothing changed.
 */
export function mountChangeRoutes(
  router: Router,
  db: Kysely<Database>,
  opts: WriteBackOptions,
  refuse: (req: Request, res: Response, err: DecisionError) => Promise<void>,
): void {
  const reviewerOf = (req: Request): Reviewer => currentUser(req)!;
  const form = (req: Request): Record<string, unknown> => (req.body as Record<string, unknown> | undefined) ?? {};
  const act = (run: (req: Request, caseId: number) => Promise<{ requestId: number; enqueueError?: Error }>) => async (req: Request, res: Response): Promise<void> => {
    const caseId = idOf(req.params.id);
    if (caseId === undefined) return void res.status(404).end();
    try {
      const done = await run(req, caseId);
      if (done.enqueueError) {
        // Saved, but its job is not queued yet: say so rather than show an error for a change that was made.
        opts.log.warn({ caseId, requestId: done.requestId, err: done.enqueueError.message }, 'write-back job not enqueued after commit; the change worker sweep will add it');
        return void res.redirect(303, `/cases/${caseId}?done=changeQueuedLater`);
      }
      res.redirect(303, `/cases/${caseId}`);
    } catch (err) {
      if (!(err instanceof DecisionError)) throw err;
      await refuse(req, res, err);
    }
  };

  router.post('/cases/:id/change/prepare', requireRole('clerk', 'admin'), act((req, caseId) => prepareChange(db, opts.queue, reviewerOf(req), { caseId })));
  /** The request the form names, at the version it showed, checked to belong to the URL's case. */
  const requestOf = async (req: Request, caseId: number): Promise<{ requestId: number; version: number }> => {
    const requestId = idOf(form(req).requestId);
    const version = idOf(form(req).changeVersion);
    if (requestId === undefined || version === undefined) throw new DecisionError('invalid', '表单缺少变更申请编号或版本，请刷新页面。');
    const owner = await db.selectFrom('change_requests').select('case_id').where('id', '=', requestId).executeTakeFirst();
    if (!owner || Number(owner.case_id) !== caseId) throw new DecisionError('notFound', `案件 ${caseId} 没有变更申请 ${requestId}。`);
    return { requestId, version };
  };
  router.post('/cases/:id/change/approve', requireRole('checker', 'admin'), act(async (req, caseId) => approveChange(db, opts.queue, reviewerOf(req), await requestOf(req, caseId))));
  router.post('/cases/:id/change/reject', requireRole('checker', 'admin'), act(async (req, caseId) => {
    const { comment } = parseAnswer({ verdict: 'reject', comment: form(req).comment });
    return rejectChange(db, reviewerOf(req), { ...(await requestOf(req, caseId)), comment: comment ?? '' });
  }));

  router.get('/cases/:id/change/:rid/screenshot', requireRole(), async (req, res) => {
    const caseId = idOf(req.params.id);
    const requestId = idOf(req.params.rid);
    const row = caseId === undefined || requestId === undefined ? undefined : await db
      .selectFrom('change_requests').innerJoin('cases', 'cases.id', 'change_requests.case_id')
      .select(['change_requests.screenshot', 'cases.branch'])
      .where('change_requests.id', '=', requestId).where('change_requests.case_id', '=', caseId!)
      .executeTakeFirst();
    const root = path.resolve(opts.varDir, 'changes');
    const file = row?.screenshot ? path.resolve(opts.varDir, row.screenshot) : undefined;
    // Only files the write-back jobs wrote, and only to users of the case's branch.
    if (!row || !file || !file.startsWith(root + path.sep) || !coversBranch(reviewerOf(req), row.branch)) return void res.status(404).end();
    res.set('Cache-Control', 'private, no-store').sendFile(file);
  });
}

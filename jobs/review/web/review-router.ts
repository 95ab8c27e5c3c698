import express, { type Request, type Response, type Router } from 'express';
import type { Kysely } from 'kysely';
import { caseBody, queueBody, REVIEW_CSS, reviewBody } from '../../../templates/web/review';
import { messageBody } from '../../../templates/web/message';
import type { Database } from '../../runtime/db';
import { csrfToken, currentUser, renderPage, requireRole, type NavItem } from '../../runtime/web';
import {
  answerProposal,
  DecisionError,
  escalateCase,
  parseAnswer,
  parseEscalation,
  parseProposal,
  parseVersion,
  proposeDecision,
  type ReviewPolicy,
  type Reviewer,
} from '../decisions';
import { changeRequestView, mountChangeRoutes, type WriteBackOptions } from '../changes';
import { listMyQueue, listPendingReviews, loadCasePage, parseQueueFilters } from '../queue';
import { caseView } from './case-view';
import { doneKey, doneNotice, REFUSAL_STATUS } from './notices';
import { queueView } from './queue-view';
import { DEFAULT_REVIEW_LINKS, type ReviewLinks } from './review-links';
import { reviewView } from './review-view';

export interface ReviewRouterOptions {
  db: Kysely<Database>;
  policy: ReviewPolicy;
  links?: ReviewLinks;
  /** The write-back's queue and files: its section and buttons on the case page (absent: not shown). */
  changes?: WriteBackOptions;
}

/** The nav entries of these pages, for the web shell's bar (mounted at '/'). */
export const REVIEW_NAV: NavItem[] = [
  { label: '我的待办', href: '/' },
  { label: '待复核', href: '/review', roles: ['checker', 'admin'] },
];

const caseIdOf = (req: Request): number | undefined => {
  const raw = String(req.params.id ?? '');
  return /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : undefined;
};
const formOf = (req: Request): Record<string, unknown> => (req.body as Record<string, unknown> | undefined) ?? {};
const reviewerOf = (req: Request): Reviewer => currentUser(req)!;

/**
 * The workbench's own pages (review-workbench.md, web app), mounted at '/':
 * - GET  /                   我的待办 (filters in the query string, paged)
 * - GET  /cases/:id          案件, with the forms the role allows
 * - POST /cases/:id/propose  confirm / dismiss (clerk, admin)
 * - POST /cases/:id/escalate (clerk, checker, admin)
 * - POST /cases/:id/answer   approve / reject (checker, admin; never one's own)
 * - GET  /review             待复核 (checker, admin)
 * A refused decision shows the case again with the reason and the typed comment, status 400 / 403 /
 * 404 / 409, and changed nothing; a done one redirects (303) to the case or to 待复核.
 *
 * @example
 * pages: [{ path: '/', router: reviewRouter({ db, policy: reviewPolicyOf(config) }), nav: REVIEW_NAV }]
 */
export function reviewRouter(opts: ReviewRouterOptions): Router {
  const { db, policy } = opts;
  const links = opts.links ?? DEFAULT_REVIEW_LINKS;
  const router = express.Router();

  router.get('/assets/review.css', (_req, res) => void res.type('css').set('Cache-Control', 'max-age=3600').send(REVIEW_CSS));

  router.get('/', requireRole(), async (req, res) => {
    const filters = parseQueueFilters(req.query as Record<string, unknown>);
    const page = await listMyQueue(db, reviewerOf(req), filters);
    renderPage(res, '我的待办', queueBody(queueView(reviewerOf(req), filters, page, doneNotice(req.query as Record<string, unknown>))));
  });

  router.get('/review', requireRole('checker', 'admin'), async (req, res) => {
    const raw = Number((req.query as Record<string, unknown>).page);
    const page = await listPendingReviews(db, reviewerOf(req), Number.isInteger(raw) && raw >= 1 ? Math.min(raw, 2_000) : 1);
    renderPage(res, '待复核', reviewBody(reviewView(page, csrfToken(req, res), doneNotice(req.query as Record<string, unknown>))));
  });

  async function showCase(req: Request, res: Response, status = 200, refusal?: { message: string; comment?: string }): Promise<void> {
    const id = caseIdOf(req);
    const data = id === undefined ? undefined : await loadCasePage(db, reviewerOf(req), id);
    if (!data) return void renderPage(res, '案件不存在', messageBody({ kind: 'error', text: '没有这个案件，或它不在您的网点范围内。', back: { href: '/', label: '返回我的待办' } }), 404);
    const notice = refusal ? ({ kind: 'error', text: refusal.message } as const) : doneNotice(req.query as Record<string, unknown>);
    const view = caseView({ data, reviewer: reviewerOf(req), policy, links, csrfToken: csrfToken(req, res), ...(notice ? { notice } : {}), ...(refusal?.comment ? { comment: refusal.comment } : {}) });
    const writeBack = opts.changes ? await changeRequestView(db, reviewerOf(req), data.case, view.csrfToken) : undefined;
    renderPage(res, `案件 ${data.case.id}`, caseBody(writeBack ? { ...view, writeBack } : view), status);
  }

  router.get('/cases/:id', requireRole(), (req, res) => showCase(req, res));

  /** Runs one decision; a refusal re-renders the case with its message, nothing changed. */
  const decide =
    (run: (req: Request, reviewer: Reviewer, caseId: number, version: number) => Promise<string>) =>
    async (req: Request, res: Response): Promise<void> => {
      const caseId = caseIdOf(req);
      if (caseId === undefined) return showCase(req, res, 404);
      try {
        const done = await run(req, reviewerOf(req), caseId, parseVersion(formOf(req)));
        const back = formOf(req).from === 'review' ? '/review' : `/cases/${caseId}`;
        res.redirect(303, `${back}?done=${done}`);
      } catch (err) {
        if (!(err instanceof DecisionError)) throw err;
        const comment = typeof formOf(req).comment === 'string' ? (formOf(req).comment as string).slice(0, 2_000) : undefined;
        await showCase(req, res, REFUSAL_STATUS[err.kind], { message: err.message, ...(comment ? { comment } : {}) });
      }
    };

  router.post(
    '/cases/:id/propose',
    requireRole('clerk', 'admin'),
    decide(async (req, reviewer, caseId, version) => {
      const result = await proposeDecision(db, policy, reviewer, { caseId, version, input: parseProposal(formOf(req)) });
      return doneKey(result.state);
    }),
  );
  router.post(
    '/cases/:id/escalate',
    requireRole('clerk', 'checker', 'admin'),
    decide(async (req, reviewer, caseId, version) => {
      await escalateCase(db, reviewer, { caseId, version, ...parseEscalation(formOf(req)) });
      return 'escalated';
    }),
  );
  router.post(
    '/cases/:id/answer',
    requireRole('checker', 'admin'),
    decide(async (req, reviewer, caseId, version) => {
      const input = parseAnswer(formOf(req));
      await answerProposal(db, policy, reviewer, { caseId, version, input });
      return doneKey('', input.verdict);
    }),
  );
  if (opts.changes) mountChangeRoutes(router, db, opts.changes, (req, res, err) => showCase(req, res, REFUSAL_STATUS[err.kind], { message: err.message }));
  return router;
}

import type { RequestHandler } from 'express';
import type { Logger } from '../logger';
import type { AuditEntry } from '../audit';

/**
 * Where the dashboard's audit entries go. Today the append-only `var/audit.log`; the review
 * workbench moves the audit into PostgreSQL and passes its own sink.
 */
export type AuditSink = (entry: AuditEntry) => Promise<unknown>;

/** Records an entry; a failing audit write is logged as an error, never lost silently, never fatal. */
export function record(audit: AuditSink, log: Logger, entry: AuditEntry): void {
  void audit(entry).catch((err: unknown) => log.error({ action: entry.action, subject: entry.subject, err: (err as Error).message }, 'dashboard: audit entry not written'));
}

const JOB_VERBS: Record<string, string> = { retry: 'retry job', clean: 'remove job', promote: 'promote job', 'update-data': 'update job data' };

/**
 * What a Bull Board API call changes, from its path below `/api/queues` (Bull Board's routes:
 * `pause`, `<queue>/add`, `<queue>/retry/failed`, `<queue>/<job>/clean`, …).
 */
export function describeBoardChange(apiPath: string): { action: string; subject: string } {
  const parts = apiPath.replace(/^\/api\/queues\/?/, '').split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  const [queue, second, third] = parts;
  if (parts.length === 1) return { action: `dashboard ${queue} all queues`, subject: 'all queues' };
  if (parts.length === 2 && second === 'add') return { action: 'dashboard add job', subject: queue! };
  if (parts.length === 2) return { action: `dashboard ${second} queue`, subject: queue! };
  if (parts.length === 3 && JOB_VERBS[third!]) return { action: `dashboard ${JOB_VERBS[third!]}`, subject: `${queue}/${second}` };
  if (parts.length === 3 && second === 'clean') return { action: `dashboard remove all ${third}`, subject: queue! };
  if (parts.length === 3) return { action: `dashboard ${second} all ${third}`, subject: queue! };
  return { action: `dashboard change ${apiPath}`, subject: queue ?? 'all queues' };
}

/** Longest request body kept in an audit entry (an added job's data); longer ones are cut, saying so. */
const MAX_BODY_CHARS = 4_000;

function bodyOf(body: unknown): unknown {
  if (body === undefined || (typeof body === 'object' && body !== null && !Object.keys(body).length)) return undefined;
  const text = JSON.stringify(body);
  return text.length <= MAX_BODY_CHARS ? body : `${text.slice(0, MAX_BODY_CHARS)}… (${text.length} characters, cut)`;
}

/**
 * Audits every change made through the admin board (retry, remove, add, pause, …): who, what,
 * which queue or job, the request's body (an added job's name, data and options) and the answer's
 * status, once the answer is sent. Reads pass untouched.
 */
export function auditBoardChanges(audit: AuditSink, log: Logger): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || !req.path.startsWith('/api/')) return next();
    const who = req.session.user?.name ?? 'unknown';
    // Read now: Bull Board's own router rewrites req.url while it handles the call.
    const { action, subject } = describeBoardChange(req.path);
    res.once('finish', () => {
      const body = bodyOf(req.body);
      record(audit, log, { who: `dashboard:${who}`, action, subject, before: null, after: { status: res.statusCode, ...(body === undefined ? {} : { request: body }) } });
      log.info({ user: who, action, subject, status: res.statusCode }, 'dashboard change');
    });
    next();
  };
}

import type { RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit';
import type { Database, JsonValue } from '../db';
import type { Logger } from '../logger';
import { currentUser } from './current-user';

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
 * Audits every change made through the queue board (retry, remove, add, pause, …) in the audit
 * table: who, what, which queue or job (subject `queue:<queue>` or `queue:<queue>/<job>`), the
 * request's body (an added job's name, data and options) and the answer's status, once the answer
 * is sent. Reads pass untouched. The change is already made in Redis by then, so a failing audit
 * write is logged as an error (never lost silently) rather than undoing it.
 */
export function auditBoardChanges(db: Kysely<Database>, log: Logger): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || !req.path.startsWith('/api/')) return next();
    const who = currentUser(req)?.name ?? 'unknown';
    // Read now: Bull Board's own router rewrites req.url while it handles the call.
    const { action, subject } = describeBoardChange(req.path);
    res.once('finish', () => {
      const body = bodyOf(req.body);
      const after = { status: res.statusCode, ...(body === undefined ? {} : { request: body }) };
      recordAudit(db, { actor: who, action, subject: `queue:${subject}`, after: after as JsonValue }).catch((err: unknown) =>
        log.error({ action, subject, err: (err as Error).message }, 'queue board: audit row not written'));
      log.info({ user: who, action, subject, status: res.statusCode }, 'queue board change');
    });
    next();
  };
}

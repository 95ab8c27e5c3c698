import path from 'node:path';
import { Router, type Response } from 'express';
import { runsBody, type RunRowView } from '../../../templates/web/runs-page';
import { messageBody } from '../../../templates/web/message';
import { PathOutsideError, realFileInside, safeSegment, type RunManifest, type RunStore } from '../run-store';
import type { WebPage } from './create-web-app';
import { renderPage } from './render-page';
import { requireRole } from './require-role';
import { runFileType } from './run-file-type';

/** Where run-store files are served: `/runs/files/<job>/<date>/r<rev>/<path in the run>`. */
export const RUN_FILES_PATH = '/runs/files';

/**
 * The link to a file of a finished run, e.g. a report or an evidence screenshot.
 *
 * @example
 * runFileHref('annual-review-check/2026-11-20/r1', 'evidence/registry/91310000X.png')
 * // '/runs/files/annual-review-check/2026-11-20/r1/evidence/registry/91310000X.png'
 */
export function runFileHref(runId: string, file: string): string {
  return `${RUN_FILES_PATH}/${[...runId.split('/'), ...file.split('/')].map(encodeURIComponent).join('/')}`;
}

const STATUS_LABELS: Record<string, string> = { ok: '成功', partial: '部分完成', failed: '失败' };
/** The most runs one page lists; filters narrow it. */
const PAGE_LIMIT = 200;

function rowOf(m: RunManifest): RunRowView {
  return {
    runId: m.runId,
    job: m.job,
    dataDate: m.dataDate,
    revision: m.revision,
    status: m.status,
    statusLabel: STATUS_LABELS[m.status] ?? m.status,
    finishedAt: m.finishedAt.replace('T', ' ').slice(0, 19),
    files: m.outputs.map((o) => ({ name: o.file, href: runFileHref(m.runId, o.file) })),
    note: m.notLatest ? `该日期以 ${m.notLatest.latest} 为准` : undefined,
  };
}

function notFound(res: Response): void {
  renderPage(res, '文件不存在', messageBody({ kind: 'error', text: '没有这个文件。', back: { href: '/runs', label: '返回运行列表' } }), 404);
}

/**
 * 运行: the finished runs of the run store (any logged-in user: viewers read reports too), by job
 * and data date, with their status and outputs; and the files of those runs, served so that no
 * path leaves the run's folder (`..`, encoded slashes, a symlink pointing out are all refused),
 * each with its own content type and `nosniff`.
 */
export function runsPage(store: RunStore): WebPage {
  const router = Router();
  router.use(requireRole());

  router.get('/', async (req, res) => {
    const job = typeof req.query.job === 'string' ? req.query.job : '';
    const date = typeof req.query.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(req.query.date) ? req.query.date : '';
    let all: RunManifest[];
    try {
      all = await store.list(job ? { job } : {});
    } catch {
      all = []; // a job name that is no folder name (safeSegment refused it): nothing to list
    }
    const matching = all.filter((m) => !date || m.dataDate === date);
    const jobs = [...new Set((await store.list()).map((m) => m.job))].sort();
    renderPage(res, '运行', runsBody({
      jobs,
      filter: { job, date },
      rows: matching.slice(0, PAGE_LIMIT).map(rowOf),
      cutAt: matching.length > PAGE_LIMIT ? PAGE_LIMIT : undefined,
    }));
  });

  router.get('/files/:job/:date/:rev/*file', async (req, res) => {
    const { job, date, rev } = req.params;
    const segments = (req.params as unknown as { file: string[] }).file;
    const m = /^r(\d+)$/.exec(rev);
    if (!m || !/^\d{4}-\d{2}-\d{2}$/.test(date) || segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('/') || s.includes('\\') || s.includes('\0'))) return void notFound(res);
    let runDir: string;
    try {
      runDir = store.runDir(safeSegment(job), date, Number(m[1]));
    } catch {
      return void notFound(res);
    }
    let real: string;
    try {
      real = await realFileInside(runDir, path.join(...segments), 'run file');
    } catch (err) {
      if (err instanceof PathOutsideError) return void notFound(res);
      throw err;
    }
    const type = runFileType(real);
    const name = segments[segments.length - 1]!;
    res.type(type.contentType);
    if (type.sandbox) res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'");
    res.setHeader('Content-Disposition', `${type.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.sendFile(real, { dotfiles: 'allow' });
  });

  return { path: '/runs', router, nav: [{ label: '运行', href: '/runs' }] };
}

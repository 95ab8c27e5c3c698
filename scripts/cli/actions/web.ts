import { parseRunId, runStoreOf } from '../../../jobs/runtime/run-store';
import { authenticateUser } from '../../../jobs/runtime/users';
import { runFileHref, runsPage, startWeb, usersPage } from '../../../jobs/runtime/web';
import { CHANGES_QUEUE, openChangeQueue } from '../../../jobs/review/changes';
import { reviewPolicyOf } from '../../../jobs/review/decisions';
import { REVIEW_NAV, reviewRouter } from '../../../jobs/review/web';
import { processConfig } from '../../app/process-config';
import { processRuntime } from '../../app/process-runtime';
import { onShutdown, shutdown } from '../lifecycle';

/** The runs list filtered to one run's job and date: where a case page's run link leads. */
function runHref(runId: string): string {
  const { job, date } = parseRunId(runId);
  return `/runs?job=${encodeURIComponent(job)}&date=${date}`;
}

/**
 * `opsbot web`: composes the web shell (jobs/runtime/web) with the case ledger's pages
 * (jobs/review/web) — the runtime never imports the ledger — and the runs, users and queues pages.
 */
export async function webAction(o: { port?: number; publicUrl?: string }): Promise<void> {
  try {
    const config = processConfig();
    const runtime = await processRuntime({ config, database: true });
    const db = runtime.db;
    if (!db) throw new Error('opsbot web needs the database (users, sessions and cases live there)');
    // 准备变更申请 / 批准提交 enqueue the write-back jobs that `opsbot worker` runs.
    const changes = { queue: openChangeQueue(runtime.redis), varDir: config.varDir, log: runtime.log };
    onShutdown(() => changes.queue.close());
    const web = await startWeb({ ...runtime, db }, {
      port: o.port,
      publicUrl: o.publicUrl,
      authenticate: (name, password) => authenticateUser(db, name, password),
      moreQueues: [CHANGES_QUEUE],
      shareLoginCounters: true,
      pages: [
        { path: '/', router: reviewRouter({ db, policy: reviewPolicyOf(config), links: { run: runHref, runFile: runFileHref }, changes }), nav: REVIEW_NAV },
        runsPage(runStoreOf(config)),
        usersPage(db),
      ],
    });
    onShutdown(() => web.close());
    const publicUrl = o.publicUrl ?? config.webPublicUrl;
    console.log(`web on ${web.url}/login${publicUrl ? ` (users reach it as ${publicUrl})` : ''} — Ctrl-C to stop`);
  } catch (err) {
    // A port in use or a database that cannot start: stop what was started and end.
    await shutdown();
    throw err;
  }
  await new Promise(() => undefined);
}

import { CHANGES_QUEUE } from '../../../jobs/review/changes/change-queue';
import { startDashboard } from '../../../jobs/runtime/dashboard';
import { authenticateUser } from '../../../jobs/runtime/users';
import { processConfig } from '../../app/process-config';
import { processRuntime } from '../../app/process-runtime';
import { onShutdown, shutdown } from '../lifecycle';

export async function dashboardAction(o: { port?: number; publicUrl?: string }): Promise<void> {
  try {
    const config = processConfig();
    const runtime = await processRuntime({ config, database: true });
    const db = runtime.db;
    if (!db) throw new Error('the dashboard needs the database (users and sessions live there)');
    const d = await startDashboard({ ...runtime, db }, { port: o.port, publicUrl: o.publicUrl, authenticate: (name, password) => authenticateUser(db, name, password), moreQueues: [CHANGES_QUEUE], shareLoginCounters: true });
    onShutdown(() => d.close());
    const publicUrl = o.publicUrl ?? config.webPublicUrl;
    console.log(`dashboard on ${d.url}/login${publicUrl ? ` (users reach it as ${publicUrl})` : ''} — Ctrl-C to stop`);
  } catch (err) {
    // A port in use or a database that cannot start: stop what was started and end.
    await shutdown();
    throw err;
  }
  await new Promise(() => undefined);
}

import { startSlaDigest } from '../../../jobs/review/sla';
import { startScheduler } from '../../../jobs/runtime/scheduler';
import { processRuntime } from '../../app/process-runtime';
import { onShutdown } from '../lifecycle';

export async function schedulerAction(): Promise<void> {
  // The database for the SLA digest (jobs/review/sla), which the scheduler ticks beside the schedules.
  const runtime = await processRuntime({ database: true });
  const db = runtime.db;
  if (!db) throw new Error('opsbot scheduler needs the database (the SLA digest reads the cases)');
  const scheduler = await startScheduler(runtime);
  const digest = startSlaDigest({ config: runtime.config, db, log: runtime.log });
  onShutdown(async () => {
    await digest.destroy();
    await scheduler.close();
  });
  console.log(`scheduler ready: ${Object.entries(scheduler.applied).map(([j, a]) => `${j} ${a}`).join(', ')}; SLA digest on ${runtime.config.slaDigestCron}`);
  await new Promise(() => undefined);
}

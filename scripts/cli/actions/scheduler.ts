import { startScheduler } from '../../../jobs/runtime/scheduler';
import { processRuntime } from '../../app/process-runtime';
import { onShutdown } from '../lifecycle';

export async function schedulerAction(): Promise<void> {
  const scheduler = await startScheduler(await processRuntime());
  onShutdown(() => scheduler.close());
  console.log(`scheduler ready: ${Object.entries(scheduler.applied).map(([j, a]) => `${j} ${a}`).join(', ')}`);
  await new Promise(() => undefined);
}

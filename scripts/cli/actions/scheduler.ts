import { log } from '../../../jobs/runtime/logger';
import { startScheduler } from '../../../jobs/runtime/scheduler';
import { onShutdown } from '../lifecycle';

export async function schedulerAction(): Promise<void> {
  const scheduler = await startScheduler(log().child({ component: 'scheduler' }));
  onShutdown(() => scheduler.close());
  console.log(`scheduler ready: ${Object.entries(scheduler.applied).map(([j, a]) => `${j} ${a}`).join(', ')}`);
  await new Promise(() => undefined);
}

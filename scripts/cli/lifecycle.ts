import { closeSharedBrowser } from '../../bots/sdk';
import { stopProcessDatabase } from '../app/process-database';
import { stopProcessRedis } from '../app/process-redis';

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];
let installed = false;
let stopping = false;

/**
 * Registers something to stop when the command ends — normally, on error, or on Ctrl-C / SIGTERM —
 * in reverse order of start (worker before Redis). The browser, the database and the private Redis
 * are always last.
 */
export function onShutdown(fn: Cleanup): void {
  cleanups.push(fn);
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void shutdown().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

export async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const fn of cleanups.reverse()) {
    await Promise.resolve().then(fn).catch((err: unknown) => console.error(`shutdown: ${(err as Error).message}`));
  }
  cleanups.length = 0;
  await closeSharedBrowser();
  await stopProcessDatabase();
  await stopProcessRedis();
  stopping = false;
}

import { startDashboard } from '../../../jobs/runtime/dashboard';
import { onShutdown, shutdown } from '../lifecycle';

export async function dashboardAction(o: { port?: number; publicUrl?: string }): Promise<void> {
  try {
    const d = await startDashboard({ port: o.port, publicUrl: o.publicUrl });
    onShutdown(() => d.close());
    console.log(`dashboard on ${d.url}/login${o.publicUrl ? ` (users reach it as ${o.publicUrl})` : ''} — Ctrl-C to stop`);
  } catch (err) {
    // A config error or a port in use: stop the private Redis (if one was started) and end.
    await shutdown();
    throw err;
  }
  await new Promise(() => undefined);
}

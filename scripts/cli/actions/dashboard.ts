import { startDashboard } from '../../../jobs/runtime/dashboard';
import { onShutdown } from '../lifecycle';

export async function dashboardAction(o: { port?: number }): Promise<void> {
  const d = await startDashboard({ port: o.port });
  onShutdown(() => d.close());
  console.log(`dashboard on ${d.url}/login — Ctrl-C to stop`);
  await new Promise(() => undefined);
}

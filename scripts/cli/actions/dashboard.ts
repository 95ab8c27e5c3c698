import { configUsers, startDashboard } from '../../../jobs/runtime/dashboard';
import { processConfig } from '../../app/process-config';
import { processRuntime } from '../../app/process-runtime';
import { onShutdown, shutdown } from '../lifecycle';

export async function dashboardAction(o: { port?: number; publicUrl?: string }): Promise<void> {
  try {
    const config = processConfig();
    // The logins first: a config without a dashboard password ends here, before Redis is started.
    const users = configUsers(config);
    const d = await startDashboard(await processRuntime({ config }), { port: o.port, publicUrl: o.publicUrl, users });
    onShutdown(() => d.close());
    console.log(`dashboard on ${d.url}/login${o.publicUrl ? ` (users reach it as ${o.publicUrl})` : ''} — Ctrl-C to stop`);
  } catch (err) {
    // A config error or a port in use: stop the private Redis (if one was started) and end.
    await shutdown();
    throw err;
  }
  await new Promise(() => undefined);
}

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { config } from '../config';
import { bullConnection } from '../queues';
import { ALL_QUEUES } from '../scheduler/trigger-queue';
import { createDashboard } from './create-dashboard';

export interface RunningDashboard {
  url: string;
  close(): Promise<void>;
}

/** Serves the dashboard on loopback (put a TLS reverse proxy in front to reach it from elsewhere). */
export async function startDashboard(opts: { port?: number; host?: string } = {}): Promise<RunningDashboard> {
  const { connection, prefix } = await bullConnection();
  const queues = ALL_QUEUES.map((name) => new Queue(name, { connection, prefix }));
  const app = createDashboard(config(), queues);
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(opts.port ?? 0, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await Promise.all(queues.map((q) => q.close()));
    },
  };
}

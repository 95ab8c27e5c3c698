import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** A listen error in words an admin acts on (a port in use, a port not allowed). */
function listenError(err: NodeJS.ErrnoException, host: string, port: number): Error {
  if (err.code === 'EADDRINUSE') return new Error(`port ${port} on ${host} is already in use: stop what listens there or choose another --port`, { cause: err });
  if (err.code === 'EACCES') return new Error(`not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges): choose another --port`, { cause: err });
  return err;
}

/** Listens on host:port (0 = a free port); resolves with the bound port and a close that ends keep-alive connections too. */
export async function listen(app: Express, host: string, port: number): Promise<{ port: number; close(): Promise<void> }> {
  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
    });
  } catch (err) {
    throw listenError(err as NodeJS.ErrnoException, host, port);
  }
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections(); // an open board polls over keep-alive connections
      await closed;
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { freePort } from './free-port';

export interface EmbeddedRedis {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a private `redis-server` on a free loopback port, data in `dir` with AOF on.
 *
 * It runs under a small shell watchdog that kills it as soon as this process is gone, so that not
 * even a SIGKILL of the parent leaves a stray redis-server behind (Node has no PR_SET_PDEATHSIG).
 */
export async function startEmbeddedRedis(dir: string, opts: { port?: number } = {}): Promise<EmbeddedRedis> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A given port (same dir) restarts a stopped server with its data: the AOF is named by port.
  const port = opts.port ?? (await freePort());
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
    '--appendonly', 'yes', '--appendfilename', `appendonly-${port}.aof`,
    '--appenddirname', `aof-${port}`, '--save', '', '--daemonize', 'no',
    '--protected-mode', 'yes', '--loglevel', 'warning', '--maxmemory-policy', 'noeviction',
  ];
  const quoted = args.map((a) => `'${a}'`).join(' ');
  // The watchdog: start redis, then poll the parent pid; when it disappears, stop redis.
  const script = `redis-server ${quoted} & r=$!; trap 'kill $r 2>/dev/null; wait $r; exit 0' TERM INT; ` +
    `while kill -0 ${process.pid} 2>/dev/null && kill -0 $r 2>/dev/null; do sleep 0.5; done; kill $r 2>/dev/null; wait $r`;
  const child = spawn('sh', ['-c', script], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (err) => reject(new Error(`cannot start redis-server: ${err.message}`))),
  );
  await Promise.race([waitForPort(port, child, () => stderr), spawnError]);
  const stop = () => stopChild(child);
  const onExit = () => child.kill('SIGTERM');
  process.once('exit', onExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    stop: async () => {
      process.off('exit', onExit);
      await stop();
    },
  };
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited at start: ${stderr().trim()}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  throw new Error(`redis-server did not listen on 127.0.0.1:${port} within 10 s: ${stderr().trim()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

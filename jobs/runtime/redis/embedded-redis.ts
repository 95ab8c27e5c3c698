import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { freePort } from './free-port';

export interface EmbeddedRedis {
  /** The URL with this start's password in it: for this process's own clients only, never print it. */
  url: string;
  /** The same without credentials, for messages. */
  displayUrl: string;
  port: number;
  pid: number;
  /** This start's `requirepass` (a test restarting Redis on the same port passes it back). */
  password: string;
  stop(): Promise<void>;
}

/**
 * Starts a private `redis-server` on a free loopback port, data in `dir` with AOF on, with a random
 * password of its own: 127.0.0.1 is reachable by every user of the host, and whoever reaches the
 * queues can make the workers act. The password goes to redis-server on its stdin (`redis-server -`),
 * never on its command line, which any user can read with `ps`.
 *
 * It runs under a small shell watchdog that kills it as soon as this process is gone, so that not
 * even a SIGKILL of the parent leaves a stray redis-server behind (Node has no PR_SET_PDEATHSIG).
 */
export interface EmbeddedRedisOptions {
  /** Restart on this port (tests of a Redis restart); default a free one. */
  port?: number;
  /** Restart with this password (with `port`, so the clients of the earlier start reconnect); default a new random one. */
  password?: string;
  /** Called when redis-server ends without being asked to (killed, crashed), with what it said. */
  onUnexpectedExit?: (why: string) => void;
}

export async function startEmbeddedRedis(root: string, opts: EmbeddedRedisOptions = {}): Promise<EmbeddedRedis> {
  const { dir, release } = claimDataDir(root);
  const port = opts.port ?? (await freePort());
  const password = opts.password ?? randomBytes(24).toString('hex');
  if (!/^[A-Za-z0-9_-]{16,}$/.test(password)) throw new Error('embedded Redis password: at least 16 letters, digits, _ or - (it goes into a config line and a URL)');
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
    '--appendonly', 'yes', '--appendfilename', 'appendonly.aof',
    '--appenddirname', 'aof', '--save', '', '--daemonize', 'no',
    '--protected-mode', 'yes', '--loglevel', 'warning', '--maxmemory-policy', 'noeviction',
  ];
  const quoted = args.map((a) => `'${a}'`).join(' ');
  // The watchdog: start redis (its config on the watchdog's stdin, handed over as fd 3 because a
  // background command's own stdin is /dev/null), then poll the parent pid; when it disappears, stop redis.
  const script = `exec 3<&0 0</dev/null; redis-server - ${quoted} <&3 3<&- & r=$!; exec 3<&-; ` +
    `trap 'kill $r 2>/dev/null; wait $r; exit 0' TERM INT; ` +
    `while kill -0 ${process.pid} 2>/dev/null && kill -0 $r 2>/dev/null; do sleep 0.5; done; kill $r 2>/dev/null; wait $r`;
  const child = spawn('sh', ['-c', script], { stdio: ['pipe', 'ignore', 'pipe'] });
  // An early exit closes the pipe; that is reported by waitForPort with redis-server's own words.
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(`requirepass ${password}\n`);
  let stderr = '';
  // Redis quotes a config line it refuses: what it said is passed on without the password.
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).replaceAll(password, '[redacted]')));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (err) => reject(new Error(`cannot start redis-server: ${err.message}`))),
  );
  await Promise.race([waitForPort(port, child, () => stderr), spawnError]);
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) opts.onUnexpectedExit?.(`redis-server on port ${port} ended (${signal ?? `exit ${code}`})${stderr.trim() ? `: ${stderr.trim().slice(-500)}` : ''}`);
  });
  const stop = async () => {
    stopping = true;
    await stopChild(child);
    release();
  };
  const onExit = () => {
    stopping = true;
    child.kill('SIGTERM');
    release();
  };
  process.once('exit', onExit);
  return {
    url: `redis://:${password}@127.0.0.1:${port}`,
    displayUrl: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    password,
    stop: async () => {
      process.off('exit', onExit);
      await stop();
    },
  };
}

/**
 * The data folder: `root` itself, so schedules, overrides and queues survive from one command to
 * the next, unless another live opsbot process is using it right now; then a folder of this
 * process's own under `root/instances/`, dropped when it stops (two AOF writers on one file would
 * corrupt it).
 */
const claimedHere = new Set<string>();
let instances = 0;

function claimDataDir(root: string): { dir: string; release: () => void } {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const lock = path.join(root, 'owner.pid');
  const owner = readOwner(lock);
  const free = owner === undefined || (owner === process.pid ? !claimedHere.has(root) : !alive(owner));
  if (free) {
    writeFileSync(lock, String(process.pid), { mode: 0o600 });
    claimedHere.add(root);
    return {
      dir: root,
      release: () => {
        claimedHere.delete(root);
        if (readOwner(lock) === process.pid) rmSync(lock, { force: true });
      },
    };
  }
  const dir = path.join(root, 'instances', `${process.pid}-${++instances}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return { dir, release: () => rmSync(dir, { recursive: true, force: true }) };
}

function readOwner(lock: string): number | undefined {
  try {
    return Number(readFileSync(lock, 'utf8')) || undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
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

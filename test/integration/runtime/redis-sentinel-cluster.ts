import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../../jobs/runtime/redis';

/**
 * A Redis Sentinel deployment on loopback for one test file, from Debian's `redis-server` and
 * `redis-sentinel`: a primary, one replica and three sentinels (quorum 2), each with its own port,
 * config file and data folder under one temp folder. Every node has a password and so do the
 * sentinels, so the client's `password` and `sentinelPassword` are both exercised. `stop()`
 * SIGKILLs whatever is still running and removes the folder.
 */
export interface SentinelCluster {
  name: string;
  password: string;
  sentinelPassword: string;
  primary: RedisNode;
  replica: RedisNode;
  sentinels: RedisNode[];
  /** The address the sentinels currently give as the primary. */
  currentPrimaryPort(): Promise<number>;
  stop(): Promise<void>;
}

export interface RedisNode {
  port: number;
  child: ChildProcess;
  /** SIGKILL: the node dies as in a crash (no shutdown save, no goodbye to the sentinels). */
  kill(): void;
}

const NAME = 'opsbot-ha';

export async function startSentinelCluster(opts: { downAfterMs?: number; failoverTimeoutMs?: number } = {}): Promise<SentinelCluster> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'opsbot-sentinel-'));
  const password = randomBytes(16).toString('hex');
  const sentinelPassword = randomBytes(16).toString('hex');
  const started: RedisNode[] = [];
  const stop = async () => {
    for (const n of started) n.kill();
    await Promise.all(started.map((n) => exited(n.child)));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const common = (port: number, dir: string) => [
      `port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, 'daemonize no', 'loglevel warning', 'save ""',
      // AOF on (what a deployment must have; `opsbot doctor` checks it), noeviction as BullMQ requires.
      'appendonly yes', 'appendfsync everysec', 'maxmemory-policy noeviction',
      `requirepass ${password}`, `masterauth ${password}`,
    ];
    const primaryPort = await freePort();
    // The primary refuses writes when no replica has been heard from for 10 s: an isolated old
    // primary cannot go on accepting writes that the failover will throw away.
    const primary = await startNode(root, 'primary', 'redis-server', [...common(primaryPort, nodeDir(root, 'primary')), 'min-replicas-to-write 1', 'min-replicas-max-lag 10'], primaryPort);
    started.push(primary);
    const replicaPort = await freePort();
    const replica = await startNode(root, 'replica', 'redis-server', [...common(replicaPort, nodeDir(root, 'replica')), `replicaof 127.0.0.1 ${primaryPort}`], replicaPort);
    started.push(replica);
    await until(async () => /master_link_status:up/.test(await info(replicaPort, password, 'replication')), 'the replica to sync');

    const sentinels: RedisNode[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const dir = nodeDir(root, `sentinel-${i}`);
      const conf = [
        `port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, 'daemonize no', 'loglevel warning',
        `requirepass ${sentinelPassword}`, `sentinel sentinel-pass ${sentinelPassword}`,
        `sentinel monitor ${NAME} 127.0.0.1 ${primaryPort} 2`,
        `sentinel auth-pass ${NAME} ${password}`,
        `sentinel down-after-milliseconds ${NAME} ${opts.downAfterMs ?? 1000}`,
        `sentinel failover-timeout ${NAME} ${opts.failoverTimeoutMs ?? 5000}`,
        `sentinel parallel-syncs ${NAME} 1`,
      ];
      const node = await startNode(root, `sentinel-${i}`, 'redis-sentinel', conf, port);
      started.push(node);
      sentinels.push(node);
    }
    // A failover needs each sentinel to know the replica and the two other sentinels.
    for (const s of sentinels) {
      await until(async () => {
        const c = client(s.port, sentinelPassword);
        try {
          const replicas = (await c.call('SENTINEL', 'REPLICAS', NAME)) as unknown[];
          const peers = (await c.call('SENTINEL', 'SENTINELS', NAME)) as unknown[];
          return replicas.length === 1 && peers.length === 2;
        } finally {
          c.disconnect();
        }
      }, `sentinel on ${s.port} to know the replica and its peers`, 30_000);
    }
    return {
      name: NAME, password, sentinelPassword, primary, replica, sentinels, stop,
      currentPrimaryPort: async () => {
        const c = client(sentinels[0]!.port, sentinelPassword);
        try {
          const [, port] = (await c.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', NAME)) as [string, string];
          return Number(port);
        } finally {
          c.disconnect();
        }
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function nodeDir(root: string, name: string): string {
  return path.join(root, name);
}

async function startNode(root: string, name: string, bin: string, conf: string[], port: number): Promise<RedisNode> {
  const dir = nodeDir(root, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Sentinels rewrite their config file: it must be a writable file of their own.
  const file = path.join(dir, `${name}.conf`);
  writeFileSync(file, `${conf.join('\n')}\n`, { mode: 0o600 });
  let stderr = '';
  const child = spawn(bin, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const node: RedisNode = { port, child, kill: () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); } };
  try {
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`${bin} ${name} exited at start: ${stderr.trim().slice(-500)}`);
      return canConnect(port);
    }, `${name} to listen on ${port}`);
  } catch (err) {
    node.kill();
    throw err;
  }
  return node;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

function client(port: number, password?: string): Redis {
  return new Redis({ host: '127.0.0.1', port, password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: true }).on('error', () => undefined);
}

export async function info(port: number, password: string, section: string): Promise<string> {
  const c = client(port, password);
  try {
    return await c.info(section);
  } catch {
    return '';
  } finally {
    c.disconnect();
  }
}

export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

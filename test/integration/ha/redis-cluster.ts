import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../../jobs/runtime/redis';
import { info, until } from '../runtime/redis-sentinel-cluster';

/** A real 3-primary Redis Cluster on loopback from Debian's redis-server and redis-cli, for one test file. */
export interface RedisCluster {
  ports: number[];
  stop(): Promise<void>;
}

export async function startRedisCluster(): Promise<RedisCluster> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'opsbot-cluster-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('exit', r)))));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const ports = [await freePort(), await freePort(), await freePort()];
    for (const port of ports) {
      const dir = path.join(root, String(port));
      mkdirSync(dir);
      children.push(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--cluster-enabled', 'yes', '--cluster-config-file', path.join(dir, 'nodes.conf'), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }));
    }
    for (const port of ports) await until(async () => /redis_version/.test(await info(port, '', 'server')), `cluster node ${port} to start`);
    const created = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8', timeout: 30_000 });
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    for (const port of ports) await until(async () => /cluster_state:ok/.test(clusterInfo(port)), `cluster node ${port} to be ok`, 30_000);
    return { ports, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function clusterInfo(port: number): string {
  return spawnSync('redis-cli', ['-p', String(port), 'cluster', 'info'], { encoding: 'utf8' }).stdout;
}

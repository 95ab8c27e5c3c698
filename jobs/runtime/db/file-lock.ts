import { spawn } from 'node:child_process';

/**
 * Runs `fn` holding an exclusive lock on `lockFile`, shared with the private server's watchdog
 * (a shell, which locks the same file with `flock`). Node has no flock(2) of its own, so the lock
 * is held by a small `flock` child in a session of its own (Ctrl-C on the terminal does not end
 * it early); it lets go when its stdin closes, which also happens when this process is killed.
 */
export async function withFileLock<T>(lockFile: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const holder = spawn('flock', ['--exclusive', '--wait', String(Math.ceil(timeoutMs / 1000)), lockFile, 'sh', '-c', 'echo locked; read _ || true'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
  });
  const exited = new Promise<number | null>((resolve) => holder.once('close', (code) => resolve(code)));
  holder.stdin.on('error', () => undefined);
  let stderr = '';
  holder.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const locked = await new Promise<boolean>((resolve, reject) => {
    holder.once('error', (err) => reject(new Error(`cannot run flock to lock ${lockFile}: ${err.message}`)));
    holder.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('locked')) resolve(true);
    });
    void exited.then(() => resolve(false));
  });
  if (!locked) {
    throw new Error(`could not lock ${lockFile} within ${Math.round(timeoutMs / 1000)} s (another opsbot command is starting or stopping PostgreSQL)${stderr.trim() ? `: ${stderr.trim()}` : ''}`);
  }
  try {
    return await fn();
  } finally {
    holder.stdin.end();
    await exited;
  }
}

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Where Debian's `postgresql` package puts each major version's server programs (not on PATH). */
const DEBIAN_ROOT = '/usr/lib/postgresql';

/**
 * The folder holding `initdb` and `postgres`: the one of `major` when given and installed (a data
 * folder can only be run by its own major version), else `pg_config --bindir` when it has them,
 * else the newest version under /usr/lib/postgresql. Undefined when there is none.
 */
export function findPostgresBinDir(major?: string): string | undefined {
  const candidates = [
    ...(major !== undefined ? [path.join(DEBIAN_ROOT, major, 'bin')] : []),
    pgConfigBinDir(),
    ...newestFirst(listDir(DEBIAN_ROOT)).map((v) => path.join(DEBIAN_ROOT, v, 'bin')),
  ];
  return candidates.find((dir): dir is string => dir !== undefined && hasServer(dir));
}

/** Version folder names, newest first by number (`16` before `9.6`); names that are not versions are dropped. */
export function newestFirst(names: string[]): string[] {
  const num = (v: string) => v.split('.').map(Number);
  return names
    .filter((n) => /^\d+(\.\d+)?$/.test(n))
    .sort((a, b) => {
      const [a1 = 0, a2 = 0] = num(a);
      const [b1 = 0, b2 = 0] = num(b);
      return b1 - a1 || b2 - a2;
    });
}

function hasServer(dir: string): boolean {
  return existsSync(path.join(dir, 'postgres')) && existsSync(path.join(dir, 'initdb'));
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function pgConfigBinDir(): string | undefined {
  const r = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

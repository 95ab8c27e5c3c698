import { spawnSync } from 'node:child_process';
import os from 'node:os';

/** The OS user PostgreSQL's programs run as, and how to run a program as them. */
export interface ServerUser {
  /** `postgres` when this process is root (PostgreSQL refuses to run as root), else this process's user. */
  name: string;
  uid: number;
  gid: number;
  /** Put before a command to run it as this user: `setpriv …` for root, nothing otherwise. */
  prefix: string[];
  /** True when the server runs as another user than this process (folders must be handed to it). */
  other: boolean;
}

/**
 * As root, the `postgres` account that Debian's package creates, switched to with `setpriv`, which
 * execs the program itself (so its pid is the server's, and signals reach it), unlike `runuser`
 * and `su`, which stay in between.
 */
export function serverUser(): ServerUser {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) return { name: os.userInfo().username, uid, gid: process.getgid?.() ?? 0, prefix: [], other: false };
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const u = id('-u');
  const g = id('-g');
  if (u.status !== 0 || g.status !== 0) {
    throw new Error('PostgreSQL refuses to run as root, and there is no `postgres` OS user to run it as: install Debian\'s postgresql package (npm run bootstrap), or set DATABASE_URL');
  }
  const pgUid = Number(u.stdout.trim());
  const pgGid = Number(g.stdout.trim());
  return {
    name: 'postgres',
    uid: pgUid,
    gid: pgGid,
    prefix: ['setpriv', `--reuid=${pgUid}`, `--regid=${pgGid}`, '--init-groups', '--'],
    other: true,
  };
}

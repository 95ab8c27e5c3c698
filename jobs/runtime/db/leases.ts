import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startTimeOfStat } from './postmaster-pid';

/**
 * Who is using the private server: one file per open database, `users/<pid>.<n>`, holding its
 * process's start time (pid + start time name one process for good). The server runs while any
 * of them is alive; the watchdog (watchdog-script.ts) reads the same files the same way.
 */
/** Leases this process took so far: each open of the database has its own, even on one server. */
let taken = 0;

export class Leases {
  constructor(private readonly dir: string) {}

  /** Adds this process's lease; returns its file. Written whole and renamed in, so no reader sees it half-written. */
  take(): string {
    const n = ++taken;
    const file = path.join(this.dir, `${process.pid}.${n}`);
    const tmp = path.join(this.dir, `.${process.pid}.${n}.tmp`);
    writeFileSync(tmp, ownStartTime(), { mode: 0o600 });
    renameSync(tmp, file);
    return file;
  }

  /** Leases of live processes other than `except`; leases of dead ones are removed on the way. */
  othersAlive(except: string): string[] {
    const alive: string[] = [];
    for (const name of listLeases(this.dir)) {
      const file = path.join(this.dir, name);
      if (file === except) continue;
      if (leaseAlive(name, readOr(file))) alive.push(file);
      else rmSync(file, { force: true });
    }
    return alive;
  }
}

/** Whether lease `name` (`<pid>.<n>`) with content `startTime` belongs to a process that still runs. */
export function leaseAlive(name: string, startTime: string): boolean {
  const pid = Number(name.split('.')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const now = startTimeOfStat(readOr(`/proc/${pid}/stat`));
  return now !== undefined && now === startTime.trim();
}

function listLeases(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => !n.startsWith('.'));
  } catch {
    return [];
  }
}

function ownStartTime(): string {
  const t = startTimeOfStat(readOr(`/proc/${process.pid}/stat`));
  if (!t) throw new Error('cannot read this process\'s start time from /proc (the private PostgreSQL needs Linux)');
  return t;
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

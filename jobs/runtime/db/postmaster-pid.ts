/** What a running PostgreSQL server writes into `postmaster.pid` in its data folder. */
export interface PostmasterInfo {
  pid: number;
  port: number;
  /** The first Unix-socket folder (`-k`), empty when it listens on none. */
  socketDir: string;
  /** `starting`, `stopping`, `ready` or `standby` (PostgreSQL 10 and later). */
  status: string;
}

/**
 * Reads `postmaster.pid`: line 1 the pid, 4 the port, 5 the socket folder, 8 the status (see
 * PostgreSQL's `pidfile.h`). Undefined when the text is not such a file (still being written, or
 * a half-written leftover of a crash).
 */
export function parsePostmasterPid(text: string): PostmasterInfo | undefined {
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  return { pid, port, socketDir: (lines[4] ?? '').trim(), status: (lines[7] ?? '').trim() };
}

/**
 * A process's start time (clock ticks since boot, field 22 of `/proc/<pid>/stat`): with the pid it
 * names one process for good, since a pid is reused once its process is gone. The command name
 * (field 2) may hold spaces and parentheses, so fields are counted after its last `)`.
 */
export function startTimeOfStat(stat: string): string | undefined {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // `rest` starts at field 3 (state).
  const value = rest[19];
  return value && /^\d+$/.test(value) ? value : undefined;
}

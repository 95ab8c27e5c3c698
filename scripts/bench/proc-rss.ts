// Resident memory of a process and all its descendants (Chromium's renderer, GPU and utility
// processes are children of the browser, which is a child of node), read from /proc. Summing RSS
// over-counts pages shared between Chromium's processes, so the figure is an upper bound; it is
// the same upper bound for every contender, which is what a side-by-side needs.

import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime/stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Fields of /proc/<pid>/stat after the command name, so rest[0] is field 3 (state). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: parse after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // exited between readdir and read
  }
}

function parentOf(pid: number): number | undefined {
  const rest = statFields(pid);
  return rest ? Number(rest[1]) : undefined;
}

/** CPU time (user + system) the process has used so far, ms. */
function cpuMsOf(pid: number): number {
  const rest = statFields(pid);
  if (!rest) return 0;
  // utime and stime are fields 14 and 15.
  return ((Number(rest[11]) + Number(rest[12])) * 1000) / TICKS_PER_SECOND;
}

function rssKbOf(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/mu.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** What a process is, for the CPU breakdown: node, or Chromium's browser / renderer / gpu / utility. */
function kindOf(pid: number): string {
  try {
    // Chromium rewrites its child processes' argv into one space-separated string.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/gu, ' ');
    const exe = cmdline.split(' ')[0] ?? '';
    if (/chrom/u.test(exe)) return `chromium ${/--type=(\S+)/u.exec(cmdline)?.[1] ?? 'browser'}`;
    return exe.split('/').pop() || 'other'; // empty cmdline: a zombie, or a kernel thread
  } catch {
    return 'other';
  }
}

/**
 * Proportional set size: each shared page divided among the processes sharing it, so the sum
 * over a process tree is the memory it really holds (RSS counts shared pages once per process).
 */
function pssKbOf(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/mu.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** `root` and every process below it. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/u.test(name)) continue;
    const pid = Number(name);
    const ppid = parentOf(pid);
    if (ppid === undefined) continue;
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Summed RSS of the tree below `root`, in MB. */
export function treeRssMb(root: number): number {
  return processTree(root).reduce((sum, pid) => sum + rssKbOf(pid), 0) / 1024;
}

/**
 * Samples the tree's RSS every `intervalMs` and keeps the peak until stopped; also the CPU time
 * of every process seen in the tree (its last reading: a process that exited between samples
 * loses at most one interval), which on a machine loaded by others is a fairer figure than wall time.
 */
export class PeakRssSampler {
  private peak = 0;
  private peakPss = 0;
  private samples = 0;
  private readonly cpu = new Map<number, number>();
  private readonly kinds = new Map<number, string>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly root: number, intervalMs = 100) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    const pids = processTree(this.root);
    this.peak = Math.max(this.peak, pids.reduce((sum, pid) => sum + rssKbOf(pid), 0) / 1024);
    // PSS costs the kernel a page-table walk: every 5th sample is enough for a peak.
    if (this.samples++ % 5 === 0) this.peakPss = Math.max(this.peakPss, pids.reduce((sum, pid) => sum + pssKbOf(pid), 0) / 1024);
    for (const pid of pids) {
      const ms = cpuMsOf(pid);
      if (ms > 0) this.cpu.set(pid, Math.max(this.cpu.get(pid) ?? 0, ms));
      // Re-read: Debian's /usr/bin/chromium is a shell script that execs the browser in place.
      const kind = kindOf(pid);
      if (kind !== 'other' || !this.kinds.has(pid)) this.kinds.set(pid, kind);
    }
  }

  /** Stops sampling (after one last sample) and returns the peak in MB. */
  stop(): number {
    clearInterval(this.timer);
    if (statFields(this.root)) this.sample();
    return this.peak;
  }

  /** Peak summed PSS of the tree, MB (sampled less often than RSS). */
  peakPssMb(): number {
    return this.peakPss;
  }

  /** CPU time of the whole tree, ms. */
  cpuMs(): number {
    return [...this.cpu.values()].reduce((a, b) => a + b, 0);
  }

  /** CPU time by kind of process (node, chromium renderer, ...), ms, with how many there were. */
  cpuByKind(): Record<string, { cpuMs: number; processes: number }> {
    const out: Record<string, { cpuMs: number; processes: number }> = {};
    for (const [pid, ms] of this.cpu) {
      const kind = this.kinds.get(pid) ?? 'other';
      const entry = (out[kind] ??= { cpuMs: 0, processes: 0 });
      entry.cpuMs += ms;
      entry.processes++;
    }
    return out;
  }
}

import { spawnSync } from 'node:child_process';

/** Every PostgreSQL server (postmaster) running on `dataDir`, from `ps`: what any user of the host sees. */
export function postmastersOn(dataDir: string): { pid: number; user: string; args: string }[] {
  const ps = spawnSync('ps', ['-eww', '-o', 'pid=,user=,args='], { encoding: 'utf8' }).stdout;
  return ps
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && /^\S*\/bin\/postgres -D /.test(m[3]!) && m[3]!.includes(`-D ${dataDir} `))
    .map((m) => ({ pid: Number(m[1]), user: m[2]!, args: m[3]! }));
}

/** Any process at all (server, its workers, the watchdog) whose command line names `dir`. */
export function processesNaming(dir: string): string[] {
  const ps = spawnSync('ps', ['-eww', '-o', 'pid=,args='], { encoding: 'utf8' }).stdout;
  return ps.split('\n').filter((line) => line.includes(dir) && !line.includes('ps -eww'));
}

import { describe, expect, it } from 'vitest';
import { parsePostmasterPid, startTimeOfStat } from '../../../../jobs/runtime/db/postmaster-pid';

describe('postmaster.pid', () => {
  it('gives the pid, port, socket folder and status of a running server', () => {
    const text = '20987\n/var/opsbot/postgres/data\n1796659603\n5432\n/tmp/opsbot-pg-W4bLZw\n\n  5432001    131072\nready   \n';
    expect(parsePostmasterPid(text)).toEqual({ pid: 20987, port: 5432, socketDir: '/tmp/opsbot-pg-W4bLZw', status: 'ready' });
  });

  it('is undefined for an empty, half-written or foreign file', () => {
    expect(parsePostmasterPid('')).toBeUndefined();
    expect(parsePostmasterPid('20987\n/var/opsbot/postgres/data\n')).toBeUndefined();
    expect(parsePostmasterPid('not a pid\n\n\n5432\n')).toBeUndefined();
  });
});

describe('a process start time from /proc/<pid>/stat', () => {
  it('is field 22, counted after the command name however odd the name', () => {
    const tail = 'S 1 20986 20986 0 -1 4194560 1071 0 0 0 0 0 0 0 20 0 1 0 8812345 221954048 7284 18446744073709551615';
    expect(startTimeOfStat(`20987 (postgres) ${tail}`)).toBe('8812345');
    expect(startTimeOfStat(`4242 (tmux: server) (1)) ${tail}`)).toBe('8812345');
  });

  it('is undefined for a stat that is not one', () => {
    expect(startTimeOfStat('')).toBeUndefined();
    expect(startTimeOfStat('1 (init) S 0')).toBeUndefined();
  });
});

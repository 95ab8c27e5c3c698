import { describe, expect, it } from 'vitest';
import { newestFirst } from '../../../../jobs/runtime/db/pg-binaries';
import { hbaConf, identConf, initdbArgs, postgresArgs } from '../../../../jobs/runtime/db/server-settings';

describe('the private server settings', () => {
  it('lets in only the OS user running opsbot, over the socket, as the owner or the app role', () => {
    const hba = hbaConf().split('\n').filter((l) => l && !l.startsWith('#'));
    expect(hba).toEqual(['local all all peer map=opsbot']);
    const ident = identConf('ops').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(ident).toEqual(['opsbot ops opsbot', 'opsbot ops opsbot_app']);
  });

  it('refuses an OS user name that could break pg_ident.conf', () => {
    expect(() => identConf('a b')).toThrow(/cannot map OS user "a b"/);
    expect(() => identConf('x\nall all')).toThrow(/cannot map OS user/);
  });

  it('listens on no TCP port and keeps the socket to its own user', () => {
    const args = postgresArgs('/v/postgres/data', '/tmp/opsbot-pg-x');
    expect(args.join(' ')).toContain('-c listen_addresses= ');
    expect(args.join(' ')).toContain('-c unix_socket_permissions=0700');
    expect(args.slice(0, 4)).toEqual(['-D', '/v/postgres/data', '-k', '/tmp/opsbot-pg-x']);
  });

  it('runs initdb with UTF-8, C collation, peer for the socket and no TCP login', () => {
    const args = initdbArgs('/v/postgres/data.initdb').join(' ');
    expect(args).toContain('-U opsbot -E UTF8 --no-locale --auth-local=peer --auth-host=reject');
    expect(args).not.toMatch(/pwfile|password/);
  });

  it('picks the newest PostgreSQL by number, ignoring folders that are no version', () => {
    expect(newestFirst(['9.6', '15', 'common', '16', '13'])).toEqual(['16', '15', '13', '9.6']);
    expect(newestFirst([])).toEqual([]);
  });
});

/** The database and roles of a private server (and the app role of any server, see migrations). */
export const PRIVATE_DATABASE = 'opsbot';
/** Owns the schema and runs the migrations; the private server's superuser (`initdb -U`). */
export const OWNER_ROLE = 'opsbot';
/** What the web app and the workers act as: no UPDATE or DELETE on the audit (see 0001-initial). */
export const APP_ROLE = 'opsbot_app';
/** The port only names the socket file (`.s.PGSQL.5432`): the private server listens on no TCP port. */
export const PRIVATE_PORT = 5432;

/**
 * `pg_hba.conf`: Unix socket only, and only the OS user running opsbot, checked by the kernel
 * (peer), as the owner or the app role. No password exists, so none can leak through argv, logs
 * or a file; the socket's folder is private to the server's user besides.
 */
export function hbaConf(): string {
  return [
    '# Written by opsbot at each start of its private server (jobs/runtime/db/server-settings.ts).',
    '# Unix socket only; the OS user who runs opsbot, as the roles pg_ident.conf maps it to.',
    'local all all peer map=opsbot',
    '',
  ].join('\n');
}

/** `pg_ident.conf`: OS user `osUser` may log in as the owner and the app role, nobody else as anything. */
export function identConf(osUser: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(osUser)) throw new Error(`cannot map OS user ${JSON.stringify(osUser)} in pg_ident.conf`);
  return [
    '# Written by opsbot at each start of its private server (jobs/runtime/db/server-settings.ts).',
    `opsbot ${osUser} ${OWNER_ROLE}`,
    `opsbot ${osUser} ${APP_ROLE}`,
    '',
  ].join('\n');
}

/** `initdb`'s arguments: UTF-8, C collation (byte order: the same on every machine), peer auth. */
export function initdbArgs(dataDir: string): string[] {
  return ['-D', dataDir, '-U', OWNER_ROLE, '-E', 'UTF8', '--no-locale', '--auth-local=peer', '--auth-host=reject', '--no-instructions'];
}

/** `postgres`'s arguments: no TCP, a socket in `socketDir` only its user may enter, logs on stderr. */
export function postgresArgs(dataDir: string, socketDir: string): string[] {
  return [
    '-D', dataDir,
    '-k', socketDir,
    '-p', String(PRIVATE_PORT),
    '-c', 'listen_addresses=',
    '-c', 'unix_socket_permissions=0700',
    '-c', 'logging_collector=off',
    '-c', 'log_line_prefix=%m [%p] ',
  ];
}

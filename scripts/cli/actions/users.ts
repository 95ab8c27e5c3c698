import { readFile } from 'node:fs/promises';
import { actor } from '../../../jobs/runtime/audit/audit-log';
import type { Kysely } from 'kysely';
import type { Database } from '../../../jobs/runtime/db';
import { addUser, disableUser, listUsers, parseRole, ROLES, UserInputError, type UserListing } from '../../../jobs/runtime/users';
import { processConfig } from '../../app/process-config';
import { processDatabase } from '../../app/process-database';
import { CliError, EXIT } from '../exit-codes';
import { shutdown } from '../lifecycle';
import { promptHidden } from '../password-prompt';

/**
 * The database alone: users need no Redis, so none is started (processRuntime would start a
 * private one for nothing). Input the users module refuses is exit 2 with its message.
 */
async function withUsers(fn: (db: Kysely<Database>, who: string) => Promise<void>): Promise<void> {
  try {
    const config = processConfig();
    const { db } = await processDatabase(config);
    await fn(db, actor(config.adminName));
  } catch (err) {
    if (err instanceof UserInputError) throw new CliError(err.message, EXIT.usage);
    throw err;
  } finally {
    await shutdown();
  }
}

export async function usersAdd(name: string, o: { role: string; branch: string[]; passwordFile?: string }): Promise<void> {
  // Before any password is asked for or any database started: a typo in the role is said at once.
  try {
    parseRole(o.role);
  } catch (err) {
    throw new CliError((err as Error).message, EXIT.usage);
  }
  const password = await passwordFor(name, o.passwordFile);
  await withUsers(async (db, who) => {
    const user = await addUser(db, { name, role: o.role, branches: o.branch, password }, who);
    console.log(`added ${user.name}: ${user.role} (${ROLES[user.role]}), ${branchesText(user.branches)}`);
  });
}

export async function usersList(): Promise<void> {
  await withUsers(async (db) => {
    const users = await listUsers(db);
    if (users.length === 0) {
      console.log('no users yet: add one with `opsbot users add <name> --role admin`');
      return;
    }
    for (const line of table(users)) console.log(line);
  });
}

export async function usersDisable(name: string): Promise<void> {
  await withUsers(async (db, who) => {
    await disableUser(db, name, who);
    console.log(`disabled ${name}: can no longer log in`);
  });
}

/** The password from the file's first line, or typed twice at a terminal; never from an argument (it would sit in the shell history). */
async function passwordFor(name: string, file: string | undefined): Promise<string> {
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new CliError(`cannot read --password-file ${file}: ${(err as Error).message}`, EXIT.usage);
    }
    const password = text.split(/\r?\n/)[0] ?? '';
    if (password === '') throw new CliError(`--password-file ${file}: the first line is empty`, EXIT.usage);
    return password;
  }
  if (!process.stdin.isTTY) {
    throw new CliError('no password: give --password-file F (its first line is the password), or run in a terminal to be asked for it', EXIT.usage);
  }
  const first = await promptHidden(`password for ${name}: `);
  const second = await promptHidden('again: ');
  if (first !== second) throw new CliError('the two passwords differ: nothing added', EXIT.usage);
  return first;
}

function branchesText(branches: readonly string[]): string {
  return branches.length === 0 ? '全部网点' : branches.join(', ');
}

/** Terminal columns a text takes: CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2E80-\uFFEF]/u.test(ch) ? 2 : 1;
  return width;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** NAME, ROLE, DISABLED, BRANCHES; columns as wide as their widest cell, the last one runs free. */
function table(users: readonly UserListing[]): string[] {
  const rows = [
    ['NAME', 'ROLE', 'DISABLED', 'BRANCHES'],
    ...users.map((u) => [u.name, `${u.role} ${ROLES[u.role]}`, u.disabled ? 'yes' : 'no', branchesText(u.branches)]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))));
  return rows.map((r) => r.map((c, i) => (i < 3 ? pad(c, widths[i] ?? 0) : c)).join('  ').trimEnd());
}

import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit';
import type { Database, Role } from '../db';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword } from './password-hash';
import { parseRole } from './roles';
import { UserInputError } from './user-input-error';

export interface NewUserInput {
  name: string;
  role: Role | string;
  /** 开户网点 the user works for; empty or absent = all branches. */
  branches?: readonly string[];
  password: string;
}

/** Who a signed-in user is: what a session keeps and every permission check reads. */
export interface AuthenticatedUser {
  name: string;
  role: Role;
  /** Empty = all branches. */
  branches: string[];
}

export interface UserListing extends AuthenticatedUser {
  disabled: boolean;
  createdAt: Date;
}

/** NIST SP 800-63B's minimum for a chosen secret. */
export const MIN_PASSWORD_LENGTH = 8;
/** scrypt takes any length; a bound keeps a pasted file from being hashed as a password. */
const MAX_PASSWORD_LENGTH = 1024;

/**
 * Adds a user and its `user.added` audit row in one transaction. `actor` is who did it (a user
 * name, or the OS user of an admin at the CLI). The password is stored only as its scrypt hash
 * and appears in no audit row.
 *
 * @throws UserInputError for a bad name, role, branch or password, or a name already taken.
 */
export async function addUser(db: Kysely<Database>, input: NewUserInput, actor: string): Promise<AuthenticatedUser> {
  const name = checkName(input.name);
  const role = parseRole(input.role);
  const branches = checkBranches(input.branches ?? []);
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('users')
      .values({ name, role, branches, password_hash: passwordHash })
      .onConflict((oc) => oc.column('name').doNothing())
      .returning(['name', 'role', 'branches'])
      .executeTakeFirst();
    if (!inserted) throw new UserInputError(`a user named "${name}" exists already`);
    await recordAudit(trx, { actor, action: 'user.added', subject: `user:${name}`, after: { name, role, branches } });
    return inserted;
  });
}

/** Every user, by name. */
export async function listUsers(db: Kysely<Database>): Promise<UserListing[]> {
  const rows = await db.selectFrom('users').select(['name', 'role', 'branches', 'disabled', 'created_at']).orderBy('name').execute();
  return rows.map((r) => ({ name: r.name, role: r.role, branches: r.branches, disabled: r.disabled, createdAt: r.created_at }));
}

/**
 * Disables a user (kept, for the names in the audit and decisions) and writes `user.disabled`, in
 * one transaction. A disabled user can no longer sign in.
 *
 * @throws UserInputError when there is no such user or it is disabled already.
 */
export async function disableUser(db: Kysely<Database>, name: string, actor: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('users')
      .set({ disabled: true, updated_at: new Date() })
      .where('name', '=', name)
      .where('disabled', '=', false)
      .returning(['name', 'role', 'branches'])
      .executeTakeFirst();
    if (!updated) {
      const exists = await trx.selectFrom('users').select('disabled').where('name', '=', name).executeTakeFirst();
      throw new UserInputError(exists ? `user "${name}" is disabled already` : `no user named "${name}"`);
    }
    await recordAudit(trx, {
      actor,
      action: 'user.disabled',
      subject: `user:${name}`,
      before: { ...updated, disabled: false },
      after: { ...updated, disabled: true },
    });
  });
}

/**
 * Hashed against when there is no such user, so that a wrong name costs the same scrypt as a
 * wrong password and the answer's timing does not tell which names exist. Random: matches nothing.
 */
const ABSENT_USER_HASH = `$scrypt$ln=${DEFAULT_SCRYPT.ln},r=${DEFAULT_SCRYPT.r},p=${DEFAULT_SCRYPT.p}$${randomBytes(16).toString('base64').replace(/=+$/, '')}$${randomBytes(32).toString('base64').replace(/=+$/, '')}`;

/**
 * Who `name` is when `password` is theirs and they are not disabled; otherwise undefined, after
 * the same work either way (an unknown name is hashed against a dummy, a disabled user's password
 * is still checked). Writes no audit row: the caller (the web login) records `login` or
 * `login.failed` with what it knows of the request.
 */
export async function authenticateUser(db: Kysely<Database>, name: string, password: string): Promise<AuthenticatedUser | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['name', 'role', 'branches', 'password_hash', 'disabled'])
    .where('name', '=', name.normalize('NFC'))
    .executeTakeFirst();
  const matches = await verifyPassword(password.slice(0, MAX_PASSWORD_LENGTH), row?.password_hash ?? ABSENT_USER_HASH);
  if (!row || row.disabled || !matches) return undefined;
  return { name: row.name, role: row.role, branches: row.branches };
}

function checkName(raw: string): string {
  const name = raw.normalize('NFC');
  // The database's CHECK, said in words before the database says it in SQL.
  if (name.length < 1 || name.length > 64 || /[\s\p{Cc}]/u.test(name)) {
    throw new UserInputError(`user name "${raw}" is not allowed: 1 to 64 characters, no spaces or control characters`);
  }
  return name;
}

function checkBranches(raw: readonly string[]): string[] {
  const branches = [...new Set(raw.map((b) => b.normalize('NFC').trim()))];
  const bad = branches.find((b) => b === '' || /\p{Cc}/u.test(b));
  if (bad !== undefined) throw new UserInputError(`branch "${bad}" is not allowed: a branch name, not empty, no control characters`);
  return branches.sort();
}

function checkPassword(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) throw new UserInputError(`the password is too short: at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new UserInputError(`the password is too long: at most ${MAX_PASSWORD_LENGTH} characters`);
}

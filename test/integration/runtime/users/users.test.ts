import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, authenticateUser, disableUser, listUsers, UserInputError } from '../../../../jobs/runtime/users';
import { startTestDatabase, type TestDatabase } from '../../../helpers/test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await startTestDatabase();
}, 120_000);
afterAll(() => t?.close());

describe('users', () => {
  it('added users sign in with their password, and only with it', async () => {
    const added = await addUser(t.db, { name: 'wang', role: 'clerk', branches: ['城西支行', '城东支行', '城西支行'], password: 'wang-password-1' }, 'admin-os-user');
    expect(added).toEqual({ name: 'wang', role: 'clerk', branches: ['城东支行', '城西支行'] });
    expect(await authenticateUser(t.db, 'wang', 'wang-password-1')).toEqual(added);
    expect(await authenticateUser(t.db, 'wang', 'wang-password-2')).toBeUndefined();
    expect(await authenticateUser(t.db, 'nobody', 'wang-password-1')).toBeUndefined();
    const stored = await t.owner.selectFrom('users').select('password_hash').where('name', '=', 'wang').executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$scrypt\$/);
    expect(stored.password_hash).not.toContain('wang-password-1');
  }, 60_000);

  it('each change writes its audit row, with no password or hash in it', async () => {
    await addUser(t.db, { name: 'li', role: 'checker', password: 'li-password-1' }, 'root');
    await disableUser(t.db, 'li', 'root');
    const rows = await t.db.selectFrom('audit').selectAll().where('subject', '=', 'user:li').orderBy('id').execute();
    expect(rows.map((r) => [r.actor, r.action])).toEqual([['root', 'user.added'], ['root', 'user.disabled']]);
    expect(rows[0]?.after).toEqual({ name: 'li', role: 'checker', branches: [] });
    expect(rows[1]?.before).toMatchObject({ disabled: false });
    expect(rows[1]?.after).toMatchObject({ disabled: true });
    expect(JSON.stringify(rows)).not.toMatch(/li-password-1|scrypt/);
  }, 60_000);

  it('a disabled user cannot sign in, even with the right password', async () => {
    await addUser(t.db, { name: 'zhao', role: 'viewer', password: 'zhao-password-1' }, 'root');
    expect(await authenticateUser(t.db, 'zhao', 'zhao-password-1')).toBeDefined();
    await disableUser(t.db, 'zhao', 'root');
    expect(await authenticateUser(t.db, 'zhao', 'zhao-password-1')).toBeUndefined();
    expect((await listUsers(t.db)).find((u) => u.name === 'zhao')).toMatchObject({ role: 'viewer', disabled: true, branches: [] });
  }, 60_000);

  it('refuses bad input clearly and changes nothing', async () => {
    const before = await t.db.selectFrom('audit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(addUser(t.db, { name: 'wang', role: 'admin', password: 'another-password' }, 'root')).rejects.toThrow(/"wang" exists already/);
    await expect(addUser(t.db, { name: 'qian', role: 'boss', password: 'qian-password-1' }, 'root')).rejects.toThrow(/unknown role "boss"/);
    await expect(addUser(t.db, { name: 'has space', role: 'clerk', password: 'qian-password-1' }, 'root')).rejects.toThrow(UserInputError);
    await expect(addUser(t.db, { name: 'qian', role: 'clerk', password: 'short' }, 'root')).rejects.toThrow(/too short/);
    await expect(addUser(t.db, { name: 'qian', role: 'clerk', branches: [' '], password: 'qian-password-1' }, 'root')).rejects.toThrow(/branch/);
    await expect(disableUser(t.db, 'ghost', 'root')).rejects.toThrow(/no user named "ghost"/);
    await expect(disableUser(t.db, 'zhao', 'root')).rejects.toThrow(/disabled already/);
    const after = await t.db.selectFrom('audit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await listUsers(t.db)).map((u) => u.name)).not.toContain('qian');
  }, 60_000);

  it('an unknown name costs about what a wrong password does', async () => {
    // The spec's login must not tell which names exist by its timing: both paths run one scrypt.
    const time = async (name: string) => {
      const start = performance.now();
      await authenticateUser(t.db, name, 'not-the-password');
      return performance.now() - start;
    };
    await time('wang');
    const known = Math.min(await time('wang'), await time('wang'), await time('wang'));
    const unknown = Math.min(await time('nobody-at-all'), await time('nobody-at-all'), await time('nobody-at-all'));
    expect(unknown).toBeGreaterThan(known * 0.5);
    expect(unknown).toBeLessThan(known * 2);
  }, 60_000);
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAuditTamperer, startTestDatabase, type TestDatabase } from '../../helpers/test-database';

let a: TestDatabase;
let b: TestDatabase;
beforeAll(async () => {
  [a, b] = await Promise.all([startTestDatabase(), startTestDatabase()]);
}, 120_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe('test databases', () => {
  it('are separate databases on one shared server, migrated, the app role acting', async () => {
    expect(a.databaseUrl).not.toBe(b.databaseUrl);
    await a.db.insertInto('users').values({ name: 'only-in-a', role: 'viewer', password_hash: 'x' }).execute();
    expect(await b.db.selectFrom('users').select('name').execute()).toEqual([]);
    const { rows } = await sql<{ user: string }>`SELECT current_user AS user`.execute(a.db);
    expect(rows[0]!.user).toBe('opsbot_app');
  });

  it('let a test tamper with the audit only through the owner with the trigger off', async () => {
    await a.db.insertInto('audit').values({ actor: 'system', action: 'probe', subject: 's', hash: 'a'.repeat(64) }).execute();
    await expect(sql`UPDATE audit SET subject = 'x'`.execute(a.db)).rejects.toThrow();
    await asAuditTamperer(a, `UPDATE audit SET subject = 'tampered'`);
    expect((await a.db.selectFrom('audit').select('subject').executeTakeFirstOrThrow()).subject).toBe('tampered');
  });
});

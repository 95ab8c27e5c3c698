import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, chainHash, GENESIS_HASH } from '../../../../jobs/runtime/audit';
import { startTestDatabase, type TestDatabase } from '../../../helpers/test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await startTestDatabase();
}, 120_000);
afterAll(() => t?.close());

describe('recordAudit', () => {
  it('chains every row onto the one before, also when writers race', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => recordAudit(t.db, [
      { actor: `u${i}`, action: 'case.proposed', subject: `case:${i}`, after: { list: [1, 'a'], n: i } },
      { actor: 'system', action: 'case.created', subject: `case:${i + 100}` },
    ])));
    const rows = await t.db.selectFrom('audit').selectAll().orderBy('id').execute();
    expect(rows).toHaveLength(16);
    let previous = GENESIS_HASH;
    for (const r of rows) {
      const expected = chainHash(previous, { at: r.at.toISOString(), actor: r.actor, action: r.action, subject: r.subject, before: r.before, after: r.after });
      expect(r.hash).toBe(expected);
      previous = r.hash;
    }
    expect(rows.find((r) => r.actor === 'u3')!.after).toEqual({ list: [1, 'a'], n: 3 });
  });
});

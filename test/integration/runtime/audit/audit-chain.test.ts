import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateTimeOf } from '../../../../bots/records';
import { recordAudit, verifyAuditChain } from '../../../../jobs/runtime/audit';
import { exportAudit } from '../../../../jobs/runtime/audit/export-audit';
import { asAuditTamperer, startTestDatabase, type TestDatabase } from '../../../helpers/test-database';

let t: TestDatabase;
const dir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-audit-chain-'));
beforeAll(async () => {
  t = await startTestDatabase();
}, 120_000);
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = async () => (await t.db.selectFrom('audit').select('id').orderBy('id').execute()).map((r) => r.id);

describe('the audit chain', () => {
  it('the app role cannot UPDATE, DELETE or TRUNCATE audit rows', async () => {
    await recordAudit(t.db, { actor: 'wang', action: 'case.proposed', subject: 'case:1', after: { kind: 'confirm' } });
    await expect(sql`UPDATE audit SET actor = 'mallory'`.execute(t.db)).rejects.toThrow(/permission denied|append-only/);
    await expect(sql`DELETE FROM audit`.execute(t.db)).rejects.toThrow(/permission denied|append-only/);
    await expect(sql`TRUNCATE audit`.execute(t.db)).rejects.toThrow(/permission denied|append-only/);
    const rows = await t.db.selectFrom('audit').select(['actor']).execute();
    expect(rows).toEqual([{ actor: 'wang' }]);
  });

  it('verifies a good chain, and names the first row altered by hand', async () => {
    await recordAudit(t.db, [
      { actor: 'li', action: 'case.approved', subject: 'case:1', before: { state: 'proposed' }, after: { state: 'confirmed' } },
      { actor: 'system', action: 'case.created', subject: 'case:2', after: { list: [1, 'a'], nested: { b: 1, a: null } } },
      { actor: 'zhao', action: 'user.added', subject: 'user:zhao', after: { name: 'zhao', role: 'viewer', branches: [] } },
    ]);
    expect(await verifyAuditChain(t.db)).toEqual({ checked: 4 });
    const [, second, third] = await ids();
    // The owner, trigger off: what a DBA with the keys could do. The chain still tells.
    await asAuditTamperer(t, `UPDATE audit SET after = '{"state":"dismissed"}' WHERE id = ${second}`);
    const verdict = await verifyAuditChain(t.db);
    expect(verdict.broken).toMatchObject({ id: second, action: 'case.approved', subject: 'case:1', actor: 'li' });
    expect(verdict.checked).toBe(2);
    // Put back, then delete a row: the next one no longer chains.
    await asAuditTamperer(t, `UPDATE audit SET after = '{"state":"confirmed"}' WHERE id = ${second}`);
    expect((await verifyAuditChain(t.db)).broken).toBeUndefined();
    await asAuditTamperer(t, `DELETE FROM audit WHERE id = ${second}`);
    expect((await verifyAuditChain(t.db)).broken).toMatchObject({ id: third, action: 'case.created' });
  });
});

describe('the audit export', () => {
  it('writes the days asked for, in Chinese, before/after readable, and says whether the chain holds', async () => {
    const fresh = await startTestDatabase();
    try {
      await recordAudit(fresh.db, [
        { actor: 'root', action: 'user.added', subject: 'user:wang', after: { name: 'wang', role: 'clerk', branches: ['城西支行'] } },
        { actor: 'root', action: 'user.disabled', subject: 'user:li', before: { disabled: false }, after: { disabled: true } },
        { actor: 'eve', action: 'case.proposed', subject: 'case:9', after: { comment: '=HYPERLINK("http://x","y")' } },
      ]);
      const today = localDateTimeOf(new Date()).slice(0, 10);
      const out = path.join(dir, 'audit.xlsx');
      const result = await exportAudit(fresh.db, { from: today, to: today, out });
      expect(result).toMatchObject({ rows: 3, chain: { checked: 3 } });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      expect(wb.worksheets.map((s) => s.name)).toEqual(['说明', '审计日志']);
      const about = wb.getWorksheet('说明')!;
      const aboutText = about.getSheetValues().flat().join(' ');
      expect(aboutText).toContain(`${today} 至 ${today}`);
      expect(aboutText).toContain('通过：全部 3 条与链相符');
      const sheet = wb.getWorksheet('审计日志')!;
      expect(sheet.getRow(1).values).toEqual([undefined, '编号', '时间（北京时间）', '操作人', '操作', '操作代码', '对象', '变更前', '变更后', '校验值 (sha256)']);
      expect(sheet.rowCount).toBe(4);
      const row = (n: number) => sheet.getRow(n).values as unknown[];
      expect(row(2).slice(3, 9)).toEqual(['root', '新增用户', 'user.added', 'user:wang', null, '用户名：wang\n角色：clerk\n网点：城西支行'].map((v) => v ?? undefined));
      expect(row(3).slice(7, 9)).toEqual(['已停用：否', '已停用：是']);
      // Typed text stays text: a comment that looks like a formula is no formula in the file.
      expect(row(4)[8]).toBe('意见：=HYPERLINK("http://x","y")');
      expect(row(2)[2]).toBeInstanceOf(Date);
      expect(String(row(2)[9])).toMatch(/^[0-9a-f]{64}$/);

      // Days outside the range: nothing; a broken chain is said on the 说明 sheet.
      const empty = await exportAudit(fresh.db, { from: '2020-01-01', to: '2020-01-31', out: path.join(dir, 'empty.xlsx') });
      expect(empty.rows).toBe(0);
      const [first] = await fresh.db.selectFrom('audit').select('id').orderBy('id').execute();
      await asAuditTamperer(fresh, `UPDATE audit SET actor = 'mallory' WHERE id = ${first!.id}`);
      const broken = await exportAudit(fresh.db, { from: today, to: today, out });
      expect(broken.chain.broken).toMatchObject({ id: first!.id });
      await wb.xlsx.readFile(out);
      expect(wb.getWorksheet('说明')!.getSheetValues().flat().join(' ')).toContain(`不通过：第 ${first!.id} 条`);
    } finally {
      await fresh.close();
    }
  }, 60_000);
});

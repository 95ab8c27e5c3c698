import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateTimeOf } from '../../../bots/records';
import { authenticateUser } from '../../../jobs/runtime/users';
import { startCli } from '../../helpers/cli-process';
import { asAuditTamperer, startTestDatabase, type TestDatabase } from '../../helpers/test-database';

let t: TestDatabase;
const dir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-users-cli-'));

beforeAll(async () => {
  t = await startTestDatabase();
}, 120_000);
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `opsbot <args>` against this test's database (stdin is not a terminal), to its end. */
async function opsbot(...args: string[]): Promise<{ code: number | null; out: string }> {
  const cli = startCli(args, { DATABASE_URL: t.databaseUrl, OPSBOT_VAR_DIR: path.join(dir, 'var'), OPSBOT_ADMIN: 'admin-zhang' });
  const code = await cli.exited;
  return { code, out: cli.output() };
}

function passwordFile(name: string, password: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return file;
}

describe('opsbot users', () => {
  it('add, list and disable; a disabled user cannot sign in; bad input is exit 2 naming it', async () => {
    const added = await opsbot('users', 'add', 'wang', '--role', 'clerk', '--branch', '城西支行', '--branch', '城东支行', '--password-file', passwordFile('wang', 'wang-secret-1'));
    expect(added.out).toContain('added wang: clerk (经办), 城东支行, 城西支行');
    expect(added.code).toBe(0);
    expect((await opsbot('users', 'add', 'li', '--role', 'checker', '--password-file', passwordFile('li', 'li-secret-12'))).code).toBe(0);

    const badRole = await opsbot('users', 'add', 'zhou', '--role', 'boss', '--password-file', passwordFile('zhou', 'zhou-secret-1'));
    expect(badRole.code).toBe(2);
    expect(badRole.out).toContain('unknown role "boss": use one of clerk, checker, admin, viewer');
    const noPassword = await opsbot('users', 'add', 'zhou', '--role', 'viewer');
    expect(noPassword.code).toBe(2);
    expect(noPassword.out).toMatch(/no password: give --password-file/);
    const taken = await opsbot('users', 'add', 'li', '--role', 'admin', '--password-file', passwordFile('li2', 'li-secret-99'));
    expect(taken.code).toBe(2);
    expect(taken.out).toContain('"li" exists already');

    expect(await authenticateUser(t.db, 'wang', 'wang-secret-1')).toEqual({ name: 'wang', role: 'clerk', branches: ['城东支行', '城西支行'] });
    expect(await authenticateUser(t.db, 'wang', 'wang-secret-2')).toBeUndefined();
    const disabled = await opsbot('users', 'disable', 'wang');
    expect(disabled.code).toBe(0);
    expect(await authenticateUser(t.db, 'wang', 'wang-secret-1')).toBeUndefined();
    expect(await authenticateUser(t.db, 'li', 'li-secret-12')).toMatchObject({ name: 'li', role: 'checker' });

    const list = await opsbot('users', 'list');
    expect(list.code).toBe(0);
    const lines = list.out.split('\n').filter((l) => /^(NAME|li|wang)\s/.test(l));
    expect(lines.map((l) => l.split(/\s{2,}/))).toEqual([
      ['NAME', 'ROLE', 'DISABLED', 'BRANCHES'],
      ['li', 'checker 复核', 'no', '全部网点'],
      ['wang', 'clerk 经办', 'yes', '城东支行, 城西支行'],
    ]);
    const audit = await t.db.selectFrom('audit').select(['actor', 'action', 'subject']).orderBy('id').execute();
    expect(audit).toEqual([
      { actor: 'admin-zhang', action: 'user.added', subject: 'user:wang' },
      { actor: 'admin-zhang', action: 'user.added', subject: 'user:li' },
      { actor: 'admin-zhang', action: 'user.disabled', subject: 'user:wang' },
    ]);
  }, 480_000);
});

describe('opsbot audit', () => {
  it('export writes the Excel; verify passes on a good chain and names the row altered by hand', async () => {
    const today = localDateTimeOf(new Date()).slice(0, 10);
    const out = path.join(dir, 'audit.xlsx');
    const exported = await opsbot('audit', 'export', '--from', today, '--to', today, '--out', out);
    expect(exported.out).toContain(`wrote ${out}: 3 audit rows`);
    expect(exported.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet('审计日志')!;
    expect(sheet.getColumn(4).values.slice(2)).toEqual(['新增用户', '新增用户', '停用用户']);
    expect(String(sheet.getRow(4).getCell(8).value)).toContain('已停用：是');

    const good = await opsbot('audit', 'verify');
    expect(good.out).toContain('audit chain verifies: 3 rows');
    expect(good.code).toBe(0);

    const [, second] = await t.db.selectFrom('audit').select(['id', 'at']).orderBy('id').execute();
    await asAuditTamperer(t, `UPDATE audit SET subject = 'user:someone-else' WHERE id = ${second!.id}`);
    const bad = await opsbot('audit', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`audit chain broken at row ${second!.id} (${localDateTimeOf(second!.at)} Beijing, ${second!.at.toISOString()}; user.added user:someone-else by admin-zhang)`);

    const backwards = await opsbot('audit', 'export', '--from', '2026-12-02', '--to', '2026-12-01', '--out', out);
    expect(backwards.code).toBe(2);
  }, 480_000);
});

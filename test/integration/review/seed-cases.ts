import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role, Severity } from '../../../jobs/runtime/db';

/** Adds users straight into the table (the password hash is never checked by these tests). */
export async function seedUsers(db: Kysely<Database>, users: { name: string; role: Role; branches?: string[] }[]): Promise<void> {
  await db
    .insertInto('users')
    .values(users.map((u) => ({ name: u.name, role: u.role, branches: u.branches ?? [], password_hash: 'scrypt$unused' })))
    .execute();
}

export interface SeedCase {
  accountNo?: string;
  field?: string;
  branch?: string;
  severity?: Severity;
  dueOn?: string;
  bankValue?: string;
  registryValue?: string;
  runId?: string;
  flag?: Record<string, unknown>;
}

let seq = 0;

/** One open case as a run would open it, with its case_runs row; returns its id. */
export async function seedCase(db: Kysely<Database>, c: SeedCase = {}): Promise<number> {
  seq += 1;
  const accountNo = c.accountNo ?? `6222${String(seq).padStart(8, '0')}`;
  const bankValue = c.bankValue ?? `某某有限公司${seq}`;
  const registryValue = c.registryValue ?? `某某有限责任公司${seq}`;
  const runId = c.runId ?? 'annual-review-check/2026-12-01/r1';
  const flag = c.flag ?? { accountNo, name: bankValue, field: c.field ?? 'name', message: '户名不一致', rule: 'name.differs' };
  const row = await db
    .insertInto('cases')
    .values({
      source_job: 'annual-review-check',
      account_no: accountNo,
      field: c.field ?? 'name',
      branch: c.branch ?? '001',
      severity: c.severity ?? 'high',
      fingerprint: createHash('sha256').update(`${bankValue}|${registryValue}`).digest('hex'),
      bank_value: bankValue,
      registry_value: registryValue,
      flag: JSON.stringify(flag),
      due_on: c.dueOn ?? '2026-12-10',
      opened_by_run: runId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('case_runs').values({ case_id: row.id, run_id: runId, flag_status: 'new', flag: JSON.stringify(flag) }).execute();
  return row.id;
}

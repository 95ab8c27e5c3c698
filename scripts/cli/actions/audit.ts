import type { Kysely } from 'kysely';
import { localDateTimeOf } from '../../../bots/records';
import { verifyAuditChain, type AuditVerdict } from '../../../jobs/runtime/audit';
import { exportAudit } from '../../../jobs/runtime/audit/export-audit';
import type { Database } from '../../../jobs/runtime/db';
import { processConfig } from '../../app/process-config';
import { processDatabase } from '../../app/process-database';
import { CliError, EXIT } from '../exit-codes';
import { shutdown } from '../lifecycle';

/** The database alone: the audit needs no Redis, so none is started. */
async function withDatabase<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  try {
    return await fn((await processDatabase(processConfig())).db);
  } finally {
    await shutdown();
  }
}

/** What a broken row is called everywhere: id, Beijing time (and UTC), action, subject. */
function describeRow(r: NonNullable<AuditVerdict['broken']>): string {
  return `row ${r.id} (${localDateTimeOf(r.at)} Beijing, ${r.at.toISOString()}; ${r.action} ${r.subject} by ${r.actor})`;
}

export async function auditVerify(): Promise<void> {
  const verdict = await withDatabase(verifyAuditChain);
  if (verdict.broken) {
    throw new CliError(
      `audit chain broken at ${describeRow(verdict.broken)}: its hash does not match its content and the row before it — this row was altered, or one before it was altered or deleted (${verdict.checked - 1} rows before it verify)`,
      EXIT.failed,
    );
  }
  console.log(`audit chain verifies: ${verdict.checked} rows`);
}

export async function auditExport(o: { from: string; to: string; out: string }): Promise<void> {
  if (o.from > o.to) throw new CliError(`--from ${o.from} is after --to ${o.to}`, EXIT.usage);
  const result = await withDatabase((db) => exportAudit(db, o));
  console.log(`wrote ${o.out}: ${result.rows} audit rows from ${o.from} to ${o.to}`);
  // The file says it too (说明 sheet); the exit code lets a script notice.
  if (result.chain.broken) throw new CliError(`the export is written, but the audit chain is broken at ${describeRow(result.chain.broken)}: run \`opsbot audit verify\``, EXIT.failed);
}

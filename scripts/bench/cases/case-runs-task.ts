// Child task of the case-runs section: a private PostgreSQL of its own, then runs of `flags` flags
// applied to the case ledger (applyRunToCases, what the annual review's build calls), timed.

import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { parseConfig } from '../../../jobs/runtime/config';
import { openDatabase } from '../../../jobs/runtime/db';
import { createLogger } from '../../../jobs/runtime/logger';
import { measureCaseRuns, type CaseRunFigure } from './case-run-load';

export interface CaseRunsTaskArgs {
  flags: number;
  /** Pairs of runs (first, next), each on a job of its own in the same database. */
  repeats: number;
}

export interface CaseRunsResult {
  flags: number;
  rounds: CaseRunFigure[];
  postgresVersion: string;
}

export async function runCaseRuns(args: CaseRunsTaskArgs): Promise<CaseRunsResult> {
  const varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-bench-case-runs-'));
  // As root the private server runs as the postgres OS user, which must be able to enter the folder.
  chmodSync(varDir, 0o711);
  const opened = await openDatabase(parseConfig({ OPSBOT_VAR_DIR: varDir }, varDir), createLogger('warn'), { poolSize: 4 });
  try {
    const rounds: CaseRunFigure[] = [];
    for (let i = 0; i < args.repeats; i++) rounds.push(await measureCaseRuns(opened.db, args.flags, `bench-case-runs-${i}`));
    const { rows } = await sql<{ version: string }>`SELECT current_setting('server_version') AS version`.execute(opened.db);
    return { flags: args.flags, rounds, postgresVersion: rows[0]?.version ?? 'unknown' };
  } finally {
    await opened.close();
    rmSync(varDir, { recursive: true, force: true });
  }
}

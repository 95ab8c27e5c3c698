import type { Config } from '../../jobs/runtime/config';
import type { OpenDatabase } from '../../jobs/runtime/db';
import { processLogger } from './process-log';

let opening: Promise<OpenDatabase> | undefined;

/**
 * This process's database: DATABASE_URL, or the private PostgreSQL server under var/postgres
 * (started, or joined when another command runs it), migrated, opened the first time a command
 * asks for it and closed at shutdown (scripts/cli/lifecycle.ts). Commands that never ask start no
 * PostgreSQL, and do not even load the driver (the shutdown path imports this file).
 */
export function processDatabase(cfg: Config): Promise<OpenDatabase> {
  const current = (opening ??= import('../../jobs/runtime/db/open-database').then(({ openDatabase }) => openDatabase(cfg, processLogger(cfg))));
  // A failed open is not kept: the next call tries again.
  current.catch(() => {
    if (opening === current) opening = undefined;
  });
  return current;
}

/** Closes the database, if this process opened it (the last user of a private server stops it). */
export async function stopProcessDatabase(): Promise<void> {
  const current = opening;
  opening = undefined;
  await (await current?.catch(() => undefined))?.close();
}

import type { Migration } from 'kysely';
import * as initial from './0001-initial';
import * as fDigests from './0002-f-digests';
import * as fQueueOrder from './0003-f-queue-order';
import * as gWithdrawnAndRejected from './0004-g-withdrawn-and-rejected';

/**
 * Every migration, in order, by name. An explicit list, not a folder scan: the production build
 * is one esbuild bundle in dist/, with no migration files beside it to find. A new migration is a
 * new file here, named with the next number; a migration that has run is never edited.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-f-digests': fDigests,
  '0003-f-queue-order': fQueueOrder,
  '0004-g-withdrawn-and-rejected': gWithdrawnAndRejected,
};

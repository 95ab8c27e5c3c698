import type { RuntimeDeps } from '../../jobs/runtime/runtime-deps';
import { processDatabase } from './process-database';

/**
 * The runtime with this process's database added (DATABASE_URL, or the private PostgreSQL under
 * var/), for a command whose worker builds runs: every run keeps its cases (review-workbench.md).
 * Closed at shutdown with the process's other services.
 */
export async function withDatabase(runtime: RuntimeDeps): Promise<RuntimeDeps> {
  return runtime.db ? runtime : { ...runtime, db: (await processDatabase(runtime.config)).db };
}

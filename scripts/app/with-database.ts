import type { RuntimeDeps } from '../../jobs/runtime/runtime-deps';
import { processDatabase } from './process-database';

/**
 * The runtime with this process's database added (DATABASE_URL, or the private PostgreSQL under
 * var/), for a command whose own worker builds runs (`opsbot run`, the demo): every run keeps its
 * cases (review-workbench.md). Closed at shutdown with the process's other services.
 *
 * A database that cannot be opened does not stop an ad-hoc run: the command says why on stderr,
 * and the run's manifest says its cases were not kept (status then compares with the previous run
 * only). `opsbot worker`, the deployment's worker, requires it instead (processRuntime).
 */
export async function withDatabase(runtime: RuntimeDeps): Promise<RuntimeDeps> {
  if (runtime.db) return runtime;
  try {
    return { ...runtime, db: (await processDatabase(runtime.config)).db };
  } catch (error) {
    console.error(`opsbot: no database, so this run keeps no review cases: ${(error as Error).message}`);
    return runtime;
  }
}

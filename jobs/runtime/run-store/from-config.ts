import { config, runtimePaths } from '../config';
import { RunStore } from './run-store';

/** The run store configured for this process. */
export function runStoreFromConfig(): RunStore {
  const cfg = config();
  return new RunStore(runtimePaths(cfg).runsDir, cfg.privateFiles ? 0o700 : 0o755);
}

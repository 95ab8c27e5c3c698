import { runtimePaths, type Config } from '../config';
import { RunStore } from './run-store';

/** The run store a config names: its root, and owner-only folders unless `privateFiles` is off. */
export function runStoreOf(cfg: Config): RunStore {
  return new RunStore(runtimePaths(cfg).runsDir, cfg.privateFiles ? 0o700 : 0o755);
}

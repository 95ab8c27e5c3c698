export * from './manifest';
export * from './sha256-file';
export * from './run-store';
export * from './from-config';
export * from './source-status-file';
export * from './folder-modes';
export * from './copy-run';
export * from './previous-runs';
export * from './contained-path';
// Transitional: worker/deliver-processor.ts still imports it from here (being edited by the
// composition work); new code imports bots/sdk/atomic-write directly.
export { writeJsonAtomic } from '../../../bots/sdk/atomic-write';

export * from './manifest';
export * from './atomic-write';
export * from './run-store';
export * from './from-config';
export * from './source-status-file';
export * from './folder-modes';
export * from './copy-run';
export * from './previous-runs';

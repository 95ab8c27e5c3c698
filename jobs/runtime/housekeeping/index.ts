export * from './prune-runs';
export * from './housekeeping-task';

export * from './trigger-run';
export * from './job-options';
export * from './run-queues';
export * from './unfinished-runs';
export * from './cancel-run';

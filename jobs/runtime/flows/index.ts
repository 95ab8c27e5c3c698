export * from './trigger-run';
export * from './job-options';

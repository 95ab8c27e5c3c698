export * from './start-worker';
export * from './start-checks';

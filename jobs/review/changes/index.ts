export * from './approve-change';
export * from './change-queue';
export * from './prepare-change';
export * from './run-change-job';
export * from './start-change-worker';
export * from './writable-fields';
export * from './change-request-view';
export * from './change-routes';

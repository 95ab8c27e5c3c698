export * from './trigger-queue';
export * from './apply-schedules';
export * from './fire-record';
export * from './handle-fire';
export * from './recover-missed';
export * from './fire-deps';
export * from './trigger-worker';
export * from './start-scheduler';

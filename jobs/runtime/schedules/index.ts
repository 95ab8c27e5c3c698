export * from './schedule-definitions';
export * from './cron-expression';
export * from './effective-schedule';
export * from './schedule-overrides';
export * from './schedule-book';
export * from './fire-decision';
export * from './fire-times';

export * from './alert';
export * from './raise-alert';
export * from './run-alerts';

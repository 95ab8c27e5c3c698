export * from './apply-run';
export * from './case-settings';
export * from './due-date';
export * from './fingerprint';
export * from './plan-run';
export * from './run-cases';
export * from './decided-since';
export * from './withdraw-pending';

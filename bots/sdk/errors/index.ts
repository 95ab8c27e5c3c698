export * from './retryable-error';
export * from './non-retryable-error';
export * from './portal-error';
export * from './session-expired-error';
export * from './layout-error';
export * from './incomplete-extraction-error';
export * from './job-cancelled-error';
export * from './is-retryable';

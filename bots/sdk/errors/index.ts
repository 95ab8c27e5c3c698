export * from './business-error';
export * from './portal-error';
export * from './session-expired-error';
export * from './layout-error';
export * from './incomplete-extraction-error';

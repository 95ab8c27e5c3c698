export * from './users';
export * from './audit-trail';
export * from './create-dashboard';
export * from './start-dashboard';

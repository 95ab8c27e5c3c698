export * from './session-token';
export * from './credentials';
export * from './create-dashboard';
export * from './start-dashboard';

export * from './start-dashboard';

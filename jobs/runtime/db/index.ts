export * from './display-url';
export * from './migrate';
export * from './open-database';
export * from './tables';
export { APP_ROLE, OWNER_ROLE } from './server-settings';

export * from './one-time-password';
export * from './password-hash';
export * from './roles';
export * from './user-input-error';
export * from './users';

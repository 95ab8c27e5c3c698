export * from './credentials';
export * from './login-form';
export * from './login-page';

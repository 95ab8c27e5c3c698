export * from './config-error';
export * from './schema';
export * from './load-config';
export * from './paths';

export * from './embedded-redis';
export * from './free-port';
export * from './redis-connection';
export * from './redis-endpoint';
export * from './cluster-refusal';

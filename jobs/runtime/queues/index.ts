export * from './queue-names';
export * from './payloads';
export * from './connection';

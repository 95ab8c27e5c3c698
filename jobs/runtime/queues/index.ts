export * from './queue-names';
export * from './payloads';
export * from './connection';
export * from './queue-namespace';
export * from './drop-world-queues';

export * from './audit-log';
export * from './read-audit';
export * from './record-audit';
export * from './canonical-json';
export * from './chain-hash';
export * from './verify-audit';
export * from './audited-change';

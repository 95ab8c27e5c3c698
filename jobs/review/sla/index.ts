export * from './overdue-cases';
export * from './digest-message';
export * from './digest-ledger';
export * from './send-sla-digest';
export * from './start-sla-digest';

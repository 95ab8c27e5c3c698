// The records bots produce: the contract between bots (which read portals), fixtures (which
// generate what portals serve) and jobs (which compute figures and flags).
export * from './common';
export * from './local-date-time-of';
export * from './stored-page';
export * from './transaction';
export * from './correction';
export * from './reconciliation';
export * from './customer';
export * from './queue-ticket';
export * from './complaint';
export * from './aml-alert';
export * from './device-inspection';
export * from './review-account';
export * from './registry-company';
export * from './customer-change';

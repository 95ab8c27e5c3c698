export * from './case-page-data';
export * from './flag-evidence';
export * from './my-queue';
export * from './overdue';
export * from './queue-filters';
export * from './review-queue';

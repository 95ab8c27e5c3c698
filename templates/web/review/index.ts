export * from './case-page';
export * from './change-request-section';
export * from './labels';
export * from './parts';
export * from './queue-page';
export * from './review-css';
export * from './review-page';
export * from './view-models';

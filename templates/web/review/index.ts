export * from './case-page';
export * from './labels';
export * from './parts';
export * from './queue-page';
export * from './review-css';
export * from './review-page';
export * from './view-models';

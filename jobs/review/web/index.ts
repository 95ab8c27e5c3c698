export * from './case-view';
export * from './notices';
export * from './queue-view';
export * from './review-links';
export * from './review-router';
export * from './review-view';
export * from './text-diff';

export * from './grid-columns';
export * from './grid-content';
export * from './grid-page';
export * from './page-size';
export * from './read-grid';
export * from './dated-grid-input';
export * from './http-grid-fetch';

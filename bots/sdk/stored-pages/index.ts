export * from './page-store';
export * from './render-stored-page';

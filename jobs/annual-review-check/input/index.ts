export * from './accounts-file';
export * from './errors';
export { ACCOUNT_COLUMNS } from './columns';

export * from './counts';
export * from './mismatches';
export * from './results';

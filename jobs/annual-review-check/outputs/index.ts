export * from './counts';
export * from './mismatches';
export * from './mismatches-file';
export * from './results';
export * from './results-file';
export * from './mismatch-cases';

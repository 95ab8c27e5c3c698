export * from './business-calendar';
export * from './zoned-date';

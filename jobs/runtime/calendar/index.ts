export * from './business-calendar';
export * from './calendar-date';
export * from './data-date';
export * from './zoned-date';
export * from './working-days';

export * from './build-daily-report';
export * from './compute-kpis';
export * from './comparison';
export * from './figures';
export * from './source-input';
export * from './status';
export * from './exception-rows';
export type { CurrencyRates } from './money';
export * from './source-gate';

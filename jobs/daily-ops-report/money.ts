import defaultRates from './currency-rates.json';

/** CNY per unit of a currency, e.g. { USD: 7.1 }. */
export type CurrencyRates = Readonly<Record<string, number>>;

/** The rate table shipped with the job; callers may pass their own from config. */
export const DEFAULT_CURRENCY_RATES: CurrencyRates = Object.fromEntries(
  Object.entries(defaultRates).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
);

// Rates are kept to 1e-6 and amounts to the cent; comparing cents × micro-rate as BigInt keeps
// "at or over 50,000 CNY" exact even for foreign amounts that land right on a threshold.
const MICRO = 1_000_000n;

/** An amount converted to CNY, kept exact for threshold checks. */
export interface CnyAmount {
  /** CNY cents × 1e6. */
  readonly scaled: bigint;
  /** The same as a plain number of CNY, for display. */
  readonly cny: number;
}

/** Converts an amount; null when the currency has no rate (the caller reports that row). */
export function toCny(amount: number, currency: string, rates: CurrencyRates): CnyAmount | null {
  const rate = currency === 'CNY' ? 1 : rates[currency];
  if (rate === undefined || !Number.isFinite(rate) || rate <= 0) return null;
  const cents = BigInt(Math.round(amount * 100));
  const microRate = BigInt(Math.round(rate * 1_000_000));
  const scaled = cents * microRate;
  return { scaled, cny: Number(scaled) / 100 / 1_000_000 };
}

/** Whether a converted amount is at or over `thresholdCny` (whole yuan). */
export function atOrOver(amount: CnyAmount, thresholdCny: number): boolean {
  return amount.scaled >= BigInt(thresholdCny) * 100n * MICRO;
}

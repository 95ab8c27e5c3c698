// Registered capital (注册资本) as typed by clerks and shown by the registry, parsed into an exact
// (amount in yuan, currency) pair. Amounts stay decimal strings: `4,079.8000万` must equal
// `40798000元` exactly, which binary floats cannot promise.
//
// Example: parseCapital('1,112(万元人民币)') → { amountYuan: '11120000', currency: 'CNY' }

import { memoiseText } from './memo';
import { isBlank, normaliseText } from './normalise';

export type Currency = 'CNY' | 'USD' | 'HKD' | 'EUR' | 'JPY' | 'GBP' | 'TWD' | 'MOP';

export interface Capital {
  /** Canonical decimal string in the currency's main unit: no leading zeros, no trailing `.0`. */
  amountYuan: string;
  currency: Currency;
}

export type CapitalParse =
  | { kind: 'amount'; capital: Capital }
  | { kind: 'missing' }
  | { kind: 'unparseable'; text: string };

/** Checked in order: `港元` contains `元`, `万元美元` must be USD, so specific words come first. */
const CURRENCY_WORDS: ReadonlyArray<readonly [RegExp, Currency]> = [
  [/美元|USD|US\$/u, 'USD'],
  [/港币|港元|香港元|HKD|HK\$/u, 'HKD'],
  [/欧元|EUR/u, 'EUR'],
  [/日元|JPY/u, 'JPY'],
  [/英镑|GBP/u, 'GBP'],
  [/新台币|台币|TWD/u, 'TWD'],
  [/澳门元|澳门币|MOP/u, 'MOP'],
];

const CURRENCY_WORDS_GLOBAL = CURRENCY_WORDS.map(([pattern]) => new RegExp(pattern.source, 'gu'));

/** Words that may surround the number without changing it. */
const NEUTRAL_WORDS = /人民币|RMB|CNY|元|整|\(|\)|:|注册资本|注册资金/gu;
const UNIT_WORDS = /万|亿|千/gu;

/** Shifts a plain decimal string by `places` powers of ten to the left/right, exactly. */
function scaleDecimal(digits: string, powerOfTen: number): string {
  const [intPart = '0', fracPart = ''] = digits.split('.');
  let all = intPart + fracPart;
  let pointAt = intPart.length + powerOfTen;
  if (pointAt > all.length) all = all.padEnd(pointAt, '0');
  if (pointAt < 0) {
    all = '0'.repeat(-pointAt) + all;
    pointAt = 0;
  }
  const whole = all.slice(0, pointAt).replace(/^0+/u, '') || '0';
  const frac = all.slice(pointAt).replace(/0+$/u, '');
  return frac ? `${whole}.${frac}` : whole;
}

/** The amount and currency of a capital text; a read-only answer (shared between equal texts). */
export function parseCapital(raw: string | null | undefined): CapitalParse {
  return raw == null ? MISSING : parseCapitalText(raw);
}

const MISSING: CapitalParse = { kind: 'missing' };
const parseCapitalText = memoiseText(parseCapitalUncached);

function parseCapitalUncached(raw: string): CapitalParse {
  if (isBlank(raw)) return MISSING;
  const text = normaliseText(raw);
  const numbers = text.match(/\d[\d,]*(?:\.\d+)?/gu) ?? [];
  if (numbers.length !== 1 || !numbers[0]) return { kind: 'unparseable', text: raw };
  const number = numbers[0].replace(/,/gu, '');

  const currency = CURRENCY_WORDS.find(([pattern]) => pattern.test(text))?.[1] ?? 'CNY';
  let power = 0;
  for (const unit of text.match(UNIT_WORDS) ?? []) power += unit === '亿' ? 8 : unit === '万' ? 4 : 3;

  // Anything left besides the number, units, currency and neutral words means we misread it.
  // Currency words go first: `日元` must not lose its `元` to the neutral words.
  let rest = text.replace(numbers[0], '');
  for (const pattern of CURRENCY_WORDS_GLOBAL) rest = rest.replace(pattern, '');
  rest = rest.replace(UNIT_WORDS, '').replace(NEUTRAL_WORDS, '');
  if (rest !== '') return { kind: 'unparseable', text: raw };

  return { kind: 'amount', capital: { amountYuan: scaleDecimal(number, power), currency } };
}

/** `1,112(万元人民币)` → `11120000 元` for messages; currencies other than CNY keep their code. */
export function formatCapital(capital: Capital): string {
  return capital.currency === 'CNY' ? `${capital.amountYuan} 元` : `${capital.amountYuan} ${capital.currency}`;
}

export function sameCapital(a: Capital, b: Capital): boolean {
  return a.amountYuan === b.amountYuan && a.currency === b.currency;
}

// Display formatting shared by reports. Numbers stay numbers in Excel (with a number format); these
// are for the PDF and for text.

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 203118 → '203,118' */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** 12.345 → '12.3' */
export function formatDecimal(n: number): string {
  return DECIMAL.format(n);
}

/** 1234.5 → '1,234.50' */
export function formatMoney(n: number): string {
  return MONEY.format(n);
}

/** 0.12345 → '12.35%'; small shares keep two decimals so 0.4 % and 0.5 % stay apart. */
export function formatShare(n: number): string {
  return `${(n * 100).toFixed(2)}%`;
}

/** 492 → '8:12' (minutes:seconds); whole hours become 'h:mm:ss'. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** 492.4 → { h: 0, m: 8, s: 12 } (rounded to the second), for "8 分 12 秒"-style texts. */
export function splitDuration(seconds: number): { h: number; m: number; s: number } {
  const total = Math.round(seconds);
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}

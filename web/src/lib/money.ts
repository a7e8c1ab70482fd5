/**
 * Money on the API is integer units: 1 unit = 1e-6 USD (a micro-dollar), the same as the server's
 * src/billing/money.ts. Prices are units per 1M tokens. Never do arithmetic on formatted strings.
 */
export const UNITS_PER_USD = 1_000_000;

export interface MoneyFormatOptions {
  /** The fewest digits after the point (default 2); more are shown whenever the amount has them. */
  digits?: number;
  /** Show '+' for positive amounts (ledger credits). */
  signed?: boolean;
}

/**
 * `$12.35`, `$5.197`, `$0.20`, `$0.00045`, `-$1.50`: always the exact amount, never rounded. A
 * balance of $5.197 must not read `$5.20` (more than the user has), and a balance after each of
 * twelve $0.00045 charges must change from row to row, so every significant digit down to one
 * unit ($0.000001) is shown, with at least `digits` (2) after the point. A fractional unit (an
 * average) is cut toward zero, never rounded up.
 */
export function formatMoney(units: number, options: MoneyFormatOptions = {}): string {
  const whole = Math.trunc(units);
  const abs = Math.abs(whole);
  const sign = whole < 0 ? '-' : options.signed && whole > 0 ? '+' : '';
  const dollars = Math.floor(abs / UNITS_PER_USD).toLocaleString('en-US');
  const fraction = String(abs % UNITS_PER_USD).padStart(6, '0');
  const significant = fraction.replace(/0+$/, '').length;
  const shown = Math.min(6, Math.max(options.digits ?? 2, significant));
  return shown === 0 ? `${sign}$${dollars}` : `${sign}$${dollars}.${fraction.slice(0, shown)}`;
}

/** A price per 1M tokens: `$2.50 / 1M` → the number part only (`$2.50`); the caller adds the unit label. */
export function formatPricePerMillion(unitsPerMillion: number): string {
  return formatMoney(unitsPerMillion);
}

/** Exact units from what a person typed (`"5"`, `"0.25"`, `"$1,000.50"`); undefined when not an amount. */
export function parseMoney(text: string): number | undefined {
  const cleaned = text.trim().replace(/^\$/, '').replace(/,/g, '');
  const match = /^(-)?(\d+)(?:\.(\d{0,6}))?$/.exec(cleaned);
  if (!match) return undefined;
  const [, negative, whole, fraction = ''] = match;
  const units = Number(whole) * UNITS_PER_USD + Number(fraction.padEnd(6, '0'));
  if (!Number.isSafeInteger(units)) return undefined;
  return negative ? -units : units;
}

/** Units as a plain decimal string for an input field (`200000` → `"0.2"`). */
export function unitsToDecimal(units: number): string {
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  const fraction = String(abs % UNITS_PER_USD)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.floor(abs / UNITS_PER_USD)}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Money on the API is integer units: 1 unit = 1e-6 USD (a micro-dollar), the same as the server's
 * src/billing/money.ts. Prices are units per 1M tokens. Never do arithmetic on formatted strings.
 */
export const UNITS_PER_USD = 1_000_000;

export interface MoneyFormatOptions {
  /** Digits after the point; default: 2 for amounts ≥ $1 (or 0), up to 6 below $1 (shortest exact). */
  digits?: number;
  /** Show '+' for positive amounts (ledger credits). */
  signed?: boolean;
}

/**
 * `$12.35`, `$0.20`, `$0.0042`, `-$1.50`. Balances and totals keep 2 digits; small amounts show
 * the digits that matter (up to 6: one unit is $0.000001), so a $0.000450 charge is not `$0.00`.
 */
export function formatMoney(units: number, options: MoneyFormatOptions = {}): string {
  const abs = Math.abs(units);
  const sign = units < 0 ? '-' : options.signed && units > 0 ? '+' : '';
  const digits = options.digits ?? autoDigits(abs);
  const dollars = abs / UNITS_PER_USD;
  const text = dollars.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${sign}$${text}`;
}

/** A price per 1M tokens: `$2.50 / 1M` → the number part only (`$2.50`); the caller adds the unit label. */
export function formatPricePerMillion(unitsPerMillion: number): string {
  return formatMoney(unitsPerMillion, { digits: unitsPerMillion !== 0 && unitsPerMillion < 10_000 ? 4 : 2 });
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

function autoDigits(abs: number): number {
  if (abs === 0 || abs >= UNITS_PER_USD) return 2;
  // Below $1: 2 digits if exact in cents, else the shortest exact form up to 6 digits (min 4 for readability).
  if (abs % 10_000 === 0) return 2;
  const fraction = String(abs).padStart(6, '0').replace(/0+$/, '');
  return Math.max(4, fraction.length);
}

/**
 * Money is an integer number of units, 1 unit = 1e-6 USD (a micro-dollar); DESIGN.md §4.
 * Catalog prices are units per 1M tokens, so a cost is tokens × price / 1,000,000 units,
 * summed exactly over every token class and rounded once, half up, at settlement.
 */
export const UNITS_PER_USD = 1_000_000;

/** Formats units as a dollar string for messages (`$0.200000`). Never used for arithmetic. */
export function formatUsd(units: number): string {
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  return `${sign}$${Math.floor(abs / UNITS_PER_USD)}.${String(abs % UNITS_PER_USD).padStart(6, '0')}`;
}

/** Parses a dollar amount given as a decimal string or number (`"0.2"`, `5`) into exact units. */
export function usdToUnits(value: string | number): number {
  const text = typeof value === 'number' ? value.toString() : value.trim();
  const match = /^(-)?(\d+)(?:\.(\d{0,6})\d*)?$/.exec(text);
  if (!match) throw new Error(`Not a dollar amount: ${text}`);
  const [, negative, whole, fraction = ''] = match;
  const units = Number(whole) * UNITS_PER_USD + Number(fraction.padEnd(6, '0'));
  return negative ? -units : units;
}

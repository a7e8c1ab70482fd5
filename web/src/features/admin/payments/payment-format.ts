/** Amounts as providers charge them: minor units (cents, fen) of the order's currency. Pure. */

const SYMBOLS: Record<string, string> = { USD: '$', CNY: '¥' };

/** `720` fen → `¥7.20`; `1000` cents → `$10.00`; an unknown currency keeps its code (`12.00 EUR`). */
export function formatPayAmount(minor: number, currency: string): string {
  const sign = minor < 0 ? '-' : '';
  const text = (Math.abs(minor) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const symbol = SYMBOLS[currency];
  return symbol ? `${sign}${symbol}${text}` : `${sign}${text} ${currency}`;
}

/** The stored rate (fen per US dollar) as the operator reads it: `720` → `7.20` (yuan per dollar). */
export function cnyPerUsdText(fenPerUsd: number): string {
  return (fenPerUsd / 100).toFixed(2);
}

/** `7.2` / `7.20` → 720 fen per dollar; undefined unless a positive amount with at most 2 decimals. */
export function parseCnyPerUsd(text: string): number | undefined {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) && fen > 0 ? fen : undefined;
}

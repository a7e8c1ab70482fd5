/**
 * EPay speaks yuan as decimal text ("10.00"); orders hold fen. Converted with string arithmetic
 * only, so no float ever rounds a payment. Pure.
 */

/** 1234 fen → "12.34". */
export function fenToYuanText(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new Error(`Not an amount of fen: ${fen}`);
  const text = String(fen).padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

/**
 * "12.34" → 1234, "12.3" → 1230, "12" → 1200; undefined for anything else (a sign, an exponent,
 * more than two decimals, spaces, an amount too large to be exact).
 */
export function yuanTextToFen(text: string): number | undefined {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return undefined;
  const [, whole = '', fraction = ''] = match;
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : undefined;
}

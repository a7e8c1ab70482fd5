/**
 * Exact decimal → integer money units.
 *
 * Money in AIHub is an integer count of units, 1 unit = 1e-6 USD (DESIGN.md §4). Catalog token
 * prices are stored in units per 1M tokens, so a price of `usdPerToken` becomes
 * `usdPerToken × 1e6 (tokens) × 1e6 (units per USD)` = `usdPerToken × 1e12` units per 1M tokens.
 *
 * Multiplying the float is wrong (`1.25e-6 * 1e12` is 1249999.9999999998), so these helpers work
 * on the number's decimal string form instead, shifting the decimal point by exact integer
 * arithmetic (BigInt). JavaScript's `String(n)` gives the shortest decimal that round-trips to the
 * same double, which is the literal the JSON source was written with.
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export interface ScaledDecimal {
  /** The value × 10^scale, rounded half-up (away from zero) when not exact. */
  value: number;
  /** Whether the scaled value was an integer before any rounding. */
  exact: boolean;
}

/**
 * Returns `decimal × 10^scale` as a safe integer. Accepts a finite number or a decimal string in
 * plain or exponent form (`"0.0000016"`, `"4e-7"`, `"1.25E-6"`). Throws on anything else, and when
 * the result is outside the safe-integer range.
 */
export function scaleDecimal(decimal: number | string, scale: number): ScaledDecimal {
  if (!Number.isInteger(scale)) throw new RangeError(`scale must be an integer, got ${scale}`);
  let text: string;
  if (typeof decimal === 'number') {
    if (!Number.isFinite(decimal)) throw new RangeError(`not a finite number: ${decimal}`);
    text = String(decimal);
  } else {
    text = decimal.trim();
  }
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === '' && (match[3] === undefined || match[3] === ''))) {
    throw new RangeError(`not a decimal number: ${JSON.stringify(decimal)}`);
  }
  const [, sign, intPart = '', fracPart = '', expPart] = match;
  const digits = BigInt(`${intPart}${fracPart}` || '0');
  const shift = Number(expPart ?? 0) - fracPart.length + scale;

  let magnitude: bigint;
  let exact = true;
  if (shift >= 0) {
    magnitude = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    magnitude = digits / divisor;
    const remainder = digits % divisor;
    if (remainder !== 0n) {
      exact = false;
      if (remainder * 2n >= divisor) magnitude += 1n;
    }
  }
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${text} × 10^${scale} is beyond the safe integer range`);
  }
  const value = Number(magnitude);
  return { value: sign === '-' && value !== 0 ? -value : value, exact };
}

/** USD (per item: per image, per request...) → integer units (1 unit = 1e-6 USD). */
export function usdToUnits(usd: number | string): ScaledDecimal {
  return scaleDecimal(usd, 6);
}

/**
 * USD per token (or per character, per second: any per-quantity price) → integer units per 1M of
 * that quantity. `1.25e-6` USD/token → 1,250,000 units per 1M tokens ($1.25 per 1M).
 */
export function usdPerTokenToUnitsPerMillion(usdPerToken: number | string): ScaledDecimal {
  return scaleDecimal(usdPerToken, 12);
}

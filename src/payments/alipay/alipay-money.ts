/**
 * Alipay writes amounts in yuan with up to two decimals ("72.00"); orders count fen. The
 * conversion is string arithmetic: a float would turn 0.07 into 7.000000000000001 fen.
 */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new Error(`Not an amount in fen: ${fen}.`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** The exact fen of a yuan string, or undefined when it is not one ("1e3", "-1", "0.001"). */
export function yuanToFen(yuan: string | undefined): number | undefined {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(yuan ?? '');
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** `yyyy-MM-dd HH:mm:ss` in Beijing time (UTC+8 all year: China has no daylight saving). */
export function formatShanghaiTime(ms: number): string {
  const d = new Date(ms + 8 * 60 * 60 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

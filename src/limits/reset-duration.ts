/**
 * A duration the way OpenAI writes it in `x-ratelimit-reset-*` and in its 429 messages (Go's
 * duration format): `120ms`, `1s`, `8.64s`, `6m0s`, `1h2m3s`. Rounded up to the millisecond.
 */
export function formatResetDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms));
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = (total % 60_000) / 1000;
  // At most three decimals (whole milliseconds), without trailing zeros.
  const secondsText = `${Number(seconds.toFixed(3))}s`;
  if (hours > 0) return `${hours}h${minutes}m${secondsText}`;
  if (minutes > 0) return `${minutes}m${secondsText}`;
  return secondsText;
}

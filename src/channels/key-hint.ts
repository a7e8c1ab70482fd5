/**
 * What the console shows of an upstream key: `sk-…wxyz`. Only a short vendor prefix (`sk-`,
 * `sk-ant-`) and the last four characters, and less for short keys, so a hint never narrows a
 * guess meaningfully. The plaintext key itself never leaves the server.
 */
export function upstreamKeyHint(key: string): string {
  if (key === '') return '(no key)';
  if (key.length < 16) return `…${key.length >= 8 ? key.slice(-2) : ''}`;
  const prefix = /^[A-Za-z]{1,4}(-[A-Za-z]{1,6})?-/.exec(key)?.[0] ?? '';
  return `${prefix}…${key.slice(-4)}`;
}

/** Shows a proxy URL without its password (`http://user:***@proxy:3128`). */
export function maskUrlCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

import { isIP } from 'node:net';

/**
 * The key an address is limited under: IPv4 as is (IPv4-mapped IPv6 `::ffff:1.2.3.4` counts as
 * `1.2.3.4`), IPv6 by its /64 prefix, since one subscriber usually holds a whole /64 and could
 * otherwise rotate through addresses. Anything unparsable is used verbatim.
 */
export function ipLimitKey(ip: string): string {
  const address = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address.split('%')[0] as string);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

function expandIpv6(address: string): string[] | undefined {
  let text = address.toLowerCase();
  // A trailing dotted IPv4 part (::1.2.3.4) becomes two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  const groups = text.includes('::') ? [...left, ...Array(missing).fill('0'), ...right] : left;
  if (groups.length !== 8) return undefined;
  return groups.map((group) => Number.parseInt(group, 16).toString(16));
}

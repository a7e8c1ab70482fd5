import ipaddr from 'ipaddr.js';

/** The names Fastify's `trustProxy` (proxy-addr) accepts for common ranges. */
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Whether a directly connected peer is a reverse proxy we trust, read from the same setting as
 * Fastify's `trustProxy` (`AIHUB_TRUST_PROXY`): `true` or a hop count trusts every direct peer (the
 * nearest hop is always a proxy then); a comma-separated list of addresses, CIDR ranges and the
 * names `loopback`, `linklocal`, `uniquelocal` trusts those. A connection from a trusted proxy
 * carries many clients, so per-address connection limits do not apply to it.
 * Throws on an entry that is not an address, a range or a known name (a typo must not trust no one silently).
 */
export function trustedPeer(trustProxy: boolean | number | string | undefined): (address: string) => boolean {
  if (trustProxy === undefined || trustProxy === false || trustProxy === 0) return () => false;
  if (trustProxy === true || typeof trustProxy === 'number') return () => true;
  return addressListMatcher(trustProxy, 'AIHUB_TRUST_PROXY');
}

/**
 * Whether an address is on a comma-separated list of addresses, CIDR ranges and the names
 * `loopback`, `linklocal`, `uniquelocal` (IPv4-mapped IPv6 addresses match their IPv4 form).
 * Throws, naming `setting`, on an entry it cannot read.
 */
export function addressListMatcher(list: string, setting: string): (address: string) => boolean {
  const ranges = list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .flatMap((entry) => NAMED_RANGES[entry.toLowerCase()] ?? [entry])
    .map((entry) => parseRange(entry, setting));
  return (address) => {
    if (!ipaddr.isValid(address)) return false;
    const peer = ipaddr.process(address);
    return ranges.some(([range, bits]) => peer.kind() === range.kind() && peer.match(range, bits));
  };
}

function parseRange(entry: string, setting: string): Range {
  if (ipaddr.isValidCIDR(entry)) {
    const [address, bits] = ipaddr.parseCIDR(entry);
    return isMapped(address) && bits >= 96 ? [(address as ipaddr.IPv6).toIPv4Address(), bits - 96] : [address, bits];
  }
  if (!ipaddr.isValid(entry)) throw new Error(`${setting}: '${entry}' is not an address, a range or a known name`);
  const address = ipaddr.process(entry);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

function isMapped(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress();
}

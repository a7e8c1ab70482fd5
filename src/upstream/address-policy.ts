import ipaddr from 'ipaddr.js';
import { type EmbeddingForm, embeddedIPv4Addresses } from './embedded-ipv4.js';

/** Whether a client-supplied URL may reach an address, and if not, why (for tests and logs). */
export type AddressVerdict = { public: true } | { public: false; reason: string };

const PUBLIC: AddressVerdict = { public: true };

/** IPv6 global unicast (RFC 4291): the only IPv6 space a client-supplied URL may reach. */
const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');

/** Forms whose packets are translated to the IPv4 address they carry: that address alone decides. */
const TRANSLATED_FORMS: ReadonlySet<EmbeddingForm> = new Set(['ipv4-mapped', 'ipv4-translated', 'nat64']);

/** Special ranges inside 2000::/3 that are allowed when the IPv4 addresses they tunnel to are. */
const TUNNEL_RANGES: ReadonlySet<string> = new Set(['6to4', 'teredo']);

/**
 * Default deny: an address passes only when it is global unicast. Every notation is normalised
 * first (`0x7f.1`, `2130706433` and `127.1` are 127.0.0.1; `::ffff:127.0.0.1` is `::ffff:7f00:1`),
 * then:
 * - IPv4: only ipaddr.js's `unicast` passes, i.e. nothing in the IANA special-purpose registry
 *   (this network, private, CGNAT, loopback, link-local and cloud metadata, IETF protocol
 *   assignments, documentation, benchmarking, 6to4 relay anycast, AS112, AMT, multicast,
 *   reserved, broadcast);
 * - IPv6 that embeds an IPv4 address by translation (mapped, SIIT, NAT64 `64:ff9b::/96`): that
 *   IPv4 address is judged instead;
 * - other IPv6: it must lie in 2000::/3 (which rules out loopback, unspecified, IPv4-compatible,
 *   link-local, site-local, unique-local, multicast, discard-only, local-use NAT64 and every
 *   range not yet allocated), outside every special range there (documentation, benchmarking,
 *   ORCHID, AMT, AS112, the IETF protocol block, segment routing...), except 6to4 and Teredo,
 *   whose tunnelled IPv4 addresses must then be public; an ISATAP interface id's IPv4 address
 *   must be public too.
 */
export function classifyAddress(text: string): AddressVerdict {
  const address = parseAddress(text);
  if (!address) return { public: false, reason: 'not an IP address' };
  return address.kind() === 'ipv4' ? classifyIPv4(address as ipaddr.IPv4) : classifyIPv6(address as ipaddr.IPv6);
}

export function isPublicAddress(text: string): boolean {
  return classifyAddress(text).public;
}

/**
 * Reads an address the way the URL parser and the socket do. The WHATWG host parser (the one that
 * normalised the URL) turns every IPv4 notation into dotted decimal and every IPv6 one into plain
 * hex; ipaddr.js then reads that canonical text. ipaddr.js is not given the raw text because it
 * reads `::a.b.c.d` as `::ffff:a.b.c.d`, which is another address. A zone id (`%eth0`) only
 * scopes a link-local or multicast address, refused whatever the zone, so it is dropped.
 */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const unzoned = text.trim().replace(/%.*$/, '');
  if (!/^[0-9a-fx.:]+$/i.test(unzoned)) return undefined;
  let host: string;
  try {
    host = new URL(`http://${unzoned.includes(':') ? `[${unzoned}]` : unzoned}/`).hostname;
  } catch {
    return undefined;
  }
  const canonical = host.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(canonical) ? ipaddr.parse(canonical) : undefined;
}

function classifyIPv4(address: ipaddr.IPv4): AddressVerdict {
  const range = address.range();
  return range === 'unicast' ? PUBLIC : { public: false, reason: `IPv4 ${range} address ${address}` };
}

function classifyIPv6(address: ipaddr.IPv6): AddressVerdict {
  const embedded = embeddedIPv4Addresses(address);
  const translated = embedded.find((entry) => TRANSLATED_FORMS.has(entry.form));
  if (translated) return judgeEmbedded(translated.form, translated.address);
  const range = address.range();
  if (!address.match(GLOBAL_UNICAST)) {
    return { public: false, reason: `IPv6 address outside global unicast 2000::/3 (${range})` };
  }
  if (range !== 'unicast' && !TUNNEL_RANGES.has(range)) return { public: false, reason: `IPv6 ${range} address` };
  for (const entry of embedded) {
    const verdict = judgeEmbedded(entry.form, entry.address);
    if (!verdict.public) return verdict;
  }
  return PUBLIC;
}

function judgeEmbedded(form: EmbeddingForm, address: ipaddr.IPv4): AddressVerdict {
  const verdict = classifyIPv4(address);
  return verdict.public ? verdict : { public: false, reason: `${form} form of ${verdict.reason}` };
}

import ipaddr from 'ipaddr.js';

/**
 * The ways an IPv6 address carries an IPv4 address that a packet sent to it can end up at. A guard
 * that checks only the IPv6 form lets `::ffff:7f00:1` (127.0.0.1) or `2002:a9fe:a9fe::` (the cloud
 * metadata address behind a 6to4 relay) through; each form here is turned back into its IPv4
 * address so the IPv4 rules decide.
 */
export type EmbeddingForm =
  /** `::ffff:a.b.c.d` (RFC 4291): the dual-stack socket connects to a.b.c.d itself. */
  | 'ipv4-mapped'
  /** `::ffff:0:a.b.c.d` (RFC 6145, SIIT): translated to a.b.c.d. */
  | 'ipv4-translated'
  /** `::a.b.c.d` (RFC 4291, deprecated): tunnelled to a.b.c.d where still supported. */
  | 'ipv4-compatible'
  /** `64:ff9b::a.b.c.d` (RFC 6052, well-known NAT64 prefix): translated to a.b.c.d. */
  | 'nat64'
  /** `2002:AABB:CCDD::/48` (RFC 3056, 6to4): tunnelled to AA.BB.CC.DD. */
  | '6to4'
  /** `2001:0:SSSS:SSSS:…` (RFC 4380, Teredo): the server's IPv4 address. */
  | 'teredo-server'
  /** `…:CCCC:CCCC` in a Teredo address: the client's IPv4 address, bits inverted. */
  | 'teredo-client'
  /** Interface id `0:5efe:a.b.c.d` or `200:5efe:a.b.c.d` (RFC 5214, ISATAP), under any prefix. */
  | 'isatap';

export interface EmbeddedIPv4 {
  form: EmbeddingForm;
  address: ipaddr.IPv4;
}

/** Every IPv4 address `address` embeds, in the order above (empty for a plain IPv6 address). */
export function embeddedIPv4Addresses(address: ipaddr.IPv6): EmbeddedIPv4[] {
  const [p0, p1, p2, p3, p4, p5, p6, p7] = address.parts as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const lastWords = ipv4From(p6, p7);
  const found: EmbeddedIPv4[] = [];
  const zeroTop64 = p0 === 0 && p1 === 0 && p2 === 0 && p3 === 0;
  if (zeroTop64 && p4 === 0 && p5 === 0xffff) found.push({ form: 'ipv4-mapped', address: lastWords });
  else if (zeroTop64 && p4 === 0xffff && p5 === 0) found.push({ form: 'ipv4-translated', address: lastWords });
  else if (zeroTop64 && p4 === 0 && p5 === 0) found.push({ form: 'ipv4-compatible', address: lastWords });
  else if (p0 === 0x64 && p1 === 0xff9b && p2 === 0 && p3 === 0 && p4 === 0 && p5 === 0) {
    found.push({ form: 'nat64', address: lastWords });
  } else if (p0 === 0x2002) {
    found.push({ form: '6to4', address: ipv4From(p1, p2) });
  } else if (p0 === 0x2001 && p1 === 0) {
    found.push({ form: 'teredo-server', address: ipv4From(p2, p3) });
    found.push({ form: 'teredo-client', address: ipv4From(~p6 & 0xffff, ~p7 & 0xffff) });
  }
  // The ISATAP interface id can follow any /64 prefix (a 6to4 one included), so it is checked
  // on its own; the `u` bit (0x0200) may be set or not.
  if ((p4 & 0xfdff) === 0 && p5 === 0x5efe && !zeroTop64) found.push({ form: 'isatap', address: lastWords });
  return found;
}

function ipv4From(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

import { describe, expect, it } from 'vitest';
import { classifyAddress, isPublicAddress } from './address-policy.js';

/** Teredo (RFC 4380) address for a server and a client IPv4 address: the client's bits inverted. */
function teredo(server: string, client: string): string {
  const words = (ipv4: string, invert: boolean) => {
    const [a, b, c, d] = ipv4.split('.').map(Number) as [number, number, number, number];
    const high = invert ? ~((a << 8) | b) & 0xffff : (a << 8) | b;
    const low = invert ? ~((c << 8) | d) & 0xffff : (c << 8) | d;
    return `${high.toString(16)}:${low.toString(16)}`;
  };
  return `2001:0:${words(server, false)}:0:0:${words(client, true)}`;
}

describe('classifyAddress: IPv4', () => {
  it.each([
    ['8.8.8.8', 'a public resolver'],
    ['1.1.1.1', 'another'],
    ['93.184.215.14', 'a web host'],
    ['100.63.255.255', 'just below CGNAT'],
    ['100.128.0.1', 'just above CGNAT'],
    ['172.15.255.255', 'just below 172.16/12'],
    ['172.32.0.1', 'just above 172.16/12'],
  ])('%s (%s) is public', (address) => {
    expect(classifyAddress(address)).toEqual({ public: true });
  });

  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', '"this network" 0/8'],
    ['10.0.0.1', 'private 10/8'],
    ['172.16.0.1', 'private 172.16/12'],
    ['172.31.255.255', 'private 172.16/12, last'],
    ['192.168.1.1', 'private 192.168/16'],
    ['100.64.0.1', 'CGNAT 100.64/10'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback, end of 127/8'],
    ['169.254.169.254', 'link-local: the cloud metadata service'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.1', 'TEST-NET-1'],
    ['198.51.100.1', 'TEST-NET-2'],
    ['203.0.113.1', 'TEST-NET-3'],
    ['198.18.0.1', 'benchmarking'],
    ['192.88.99.1', '6to4 relay anycast'],
    ['192.31.196.1', 'AS112'],
    ['192.175.48.1', 'AS112'],
    ['192.52.193.1', 'AMT'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast (SSDP)'],
    ['240.0.0.1', 'reserved 240/4'],
    ['255.255.255.255', 'broadcast'],
    ['2130706433', 'loopback as one decimal number'],
    ['0x7f000001', 'loopback as one hex number'],
    ['0x7f.1', 'loopback, hex and short form'],
    ['127.1', 'loopback, short form'],
    ['017700000001', 'loopback in octal'],
    ['0177.0.0.1', 'loopback with an octal first part'],
  ])('%s (%s) is refused', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('classifyAddress: IPv6', () => {
  it.each([
    ['2606:4700:4700::1111', 'a public resolver'],
    ['2001:4860:4860::8888', 'another'],
    ['2a00:1450:4001:82b::200e', 'a web host'],
  ])('%s (%s) is public', (address) => {
    expect(classifyAddress(address)).toEqual({ public: true });
  });

  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback, written out'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with a zone'],
    ['febf::1', 'link-local, end of fe80::/10'],
    ['fec0::1', 'site-local (deprecated)'],
    ['fc00::1', 'unique-local'],
    ['fd00:ec2::254', 'unique-local: the AWS metadata service over IPv6'],
    ['ff02::1', 'multicast, link scope'],
    ['ff0e::1', 'multicast, global scope'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation (2024)'],
    ['100::1', 'discard-only'],
    ['2001:10::1', 'ORCHID'],
    ['2001:20::1', 'ORCHIDv2'],
    ['2001:2::1', 'benchmarking'],
    ['2001:3::1', 'AMT'],
    ['2001:4:112::1', 'AS112'],
    ['2620:4f:8000::1', 'AS112 (direct delegation)'],
    ['2001:1::1', 'IETF protocol assignments'],
    ['5f00::1', 'segment routing'],
    ['4000::1', 'not allocated'],
    ['64:ff9b:1::808:808', 'local-use NAT64 (where the IPv4 address sits is the operator’s choice)'],
    ['64:ff9b:1:7f00:1::', 'local-use NAT64, /48 embedding of 127.0.0.1'],
  ])('%s (%s) is refused', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('classifyAddress: IPv4 inside IPv6, normalised before the check', () => {
  it.each([
    ['::7f00:1', 'IPv4-compatible 127.0.0.1, hex'],
    ['::127.0.0.1', 'IPv4-compatible 127.0.0.1, dotted'],
    ['::a9fe:a9fe', 'IPv4-compatible 169.254.169.254'],
    ['::8.8.8.8', 'IPv4-compatible, even of a public address (deprecated form)'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback, dotted'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['0:0:0:0:0:ffff:7f00:0001', 'IPv4-mapped loopback, written out'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped metadata address'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:0.0.0.0', 'IPv4-mapped unspecified'],
    ['::ffff:0:7f00:1', 'SIIT (IPv4-translated) loopback, hex'],
    ['::ffff:0:127.0.0.1', 'SIIT loopback, dotted'],
    ['::ffff:0:a9fe:a9fe', 'SIIT metadata address'],
    ['64:ff9b::7f00:1', 'NAT64 loopback, hex'],
    ['64:ff9b::127.0.0.1', 'NAT64 loopback, dotted'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 metadata address'],
    ['64:ff9b::c0a8:101', 'NAT64 192.168.1.1'],
    ['2002:7f00:1::', '6to4 of 127.0.0.1'],
    ['2002:7f00:1::1', '6to4 of 127.0.0.1, a host in it'],
    ['2002:a9fe:a9fe::', '6to4 of the metadata address'],
    ['2002:c0a8:101:1::1', '6to4 of 192.168.1.1'],
    ['2002:a00:1::', '6to4 of 10.0.0.1'],
    [teredo('65.54.227.120', '127.0.0.1'), 'Teredo with a loopback client'],
    [teredo('65.54.227.120', '169.254.169.254'), 'Teredo with the metadata address as client'],
    [teredo('10.0.0.1', '8.8.8.8'), 'Teredo with a private server'],
    ['2606:4700::5efe:7f00:1', 'ISATAP interface id of 127.0.0.1 under a global prefix'],
    ['2606:4700::200:5efe:a9fe:a9fe', 'ISATAP (u bit set) of the metadata address'],
    ['2002:808:808::5efe:a00:1', 'ISATAP of 10.0.0.1 behind a public 6to4 prefix'],
  ])('%s (%s) is refused', (address) => {
    const verdict = classifyAddress(address);
    expect(verdict.public).toBe(false);
  });

  it.each([
    ['::ffff:8.8.8.8', 'IPv4-mapped public address'],
    ['::ffff:0:808:808', 'SIIT public address'],
    ['64:ff9b::808:808', 'NAT64 public address (DNS64 answers on IPv6-only hosts)'],
    ['2002:808:808::1', '6to4 of a public address'],
    [teredo('65.54.227.120', '8.8.8.8'), 'Teredo between public addresses'],
    ['2606:4700::200:5efe:808:808', 'ISATAP of a public address'],
  ])('%s (%s) is public: the address it reaches is', (address) => {
    expect(classifyAddress(address)).toEqual({ public: true });
  });

  it('names the embedded form and the IPv4 range in its reason', () => {
    expect(classifyAddress('2002:a9fe:a9fe::')).toEqual({
      public: false,
      reason: '6to4 form of IPv4 linkLocal address 169.254.169.254',
    });
    expect(classifyAddress('64:ff9b::7f00:1')).toEqual({
      public: false,
      reason: 'nat64 form of IPv4 loopback address 127.0.0.1',
    });
  });
});

describe('classifyAddress: not an address', () => {
  it.each(['', 'localhost', 'example.com', '1.2.3.4.5', '::ffff:1.2.3.256', '[::1]', '12345::'])(
    '%j is refused',
    (text) => {
      expect(classifyAddress(text)).toEqual({ public: false, reason: 'not an IP address' });
    },
  );
});

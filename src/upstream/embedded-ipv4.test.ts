import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { embeddedIPv4Addresses } from './embedded-ipv4.js';

function embedded(text: string): string[] {
  return embeddedIPv4Addresses(ipaddr.IPv6.parse(text)).map((entry) => `${entry.form} ${entry.address}`);
}

describe('embeddedIPv4Addresses', () => {
  it.each([
    ['::ffff:7f00:1', ['ipv4-mapped 127.0.0.1']],
    ['::ffff:0:a9fe:a9fe', ['ipv4-translated 169.254.169.254']],
    ['::a00:1', ['ipv4-compatible 10.0.0.1']],
    ['64:ff9b::c0a8:101', ['nat64 192.168.1.1']],
    ['2002:7f00:1:2:3:4:5:6', ['6to4 127.0.0.1']],
    // RFC 4380's own example: server 65.54.227.120, client 192.0.2.45 (obfuscated 3fff:fdd2).
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', ['teredo-server 65.54.227.120', 'teredo-client 192.0.2.45']],
    ['2606:4700:1:2:0:5efe:c0a8:101', ['isatap 192.168.1.1']],
    ['2606:4700:1:2:200:5efe:c0a8:101', ['isatap 192.168.1.1']],
    ['2002:808:808:1:0:5efe:a00:1', ['6to4 8.8.8.8', 'isatap 10.0.0.1']],
  ])('%s carries %j', (address, expected) => {
    expect(embedded(address)).toEqual(expected);
  });

  it.each(['2606:4700:4700::1111', 'fe80::1', '64:ff9b:1::1', '2606:4700:1:2:300:5efe:c0a8:101'])(
    '%s carries none',
    (address) => {
      expect(embedded(address)).toEqual([]);
    },
  );
});

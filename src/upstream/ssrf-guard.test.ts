import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { BlockedAddressError, createGuardedLookup, urlNamesPrivateAddress } from './ssrf-guard.js';

/** The guarded lookup over a fake resolver that answers `addresses` for every host. */
function lookupAnswering(addresses: LookupAddress[]) {
  return (hostname: string) =>
    new Promise<{ error: unknown; address: unknown }>((resolve) => {
      createGuardedLookup((_host, _options, callback) => callback(null, addresses))(
        hostname,
        { all: true },
        (error, address) => resolve({ error, address }),
      );
    });
}

describe('guardedLookup: DNS answers are judged like literal addresses', () => {
  it.each([
    ['::ffff:7f00:1', 6],
    ['::ffff:0:a9fe:a9fe', 6],
    ['64:ff9b::a00:1', 6],
    ['2002:a9fe:a9fe::1', 6],
    ['::7f00:1', 6],
    ['169.254.169.254', 4],
  ])('refuses a host that resolves to %s', async (address, family) => {
    const { error } = await lookupAnswering([{ address, family }])('rebind.example');
    expect(error).toBeInstanceOf(BlockedAddressError);
  });

  it('refuses a host when any one of its answers is private', async () => {
    const answers = [
      { address: '93.184.215.14', family: 4 },
      { address: '::ffff:10.0.0.1', family: 6 },
    ];
    expect((await lookupAnswering(answers)('mixed.example')).error).toBeInstanceOf(BlockedAddressError);
  });

  it('passes public answers through', async () => {
    const answers = [
      { address: '93.184.215.14', family: 4 },
      { address: '64:ff9b::5db8:d70e', family: 6 },
    ];
    expect(await lookupAnswering(answers)('public.example')).toEqual({ error: null, address: answers });
  });
});

describe('urlNamesPrivateAddress', () => {
  it.each([
    ['http://2130706433/', true],
    ['http://0x7f.1/', true],
    ['http://[::ffff:127.0.0.1]/', true],
    ['http://[::ffff:0:7f00:1]/', true],
    ['http://[64:ff9b::a9fe:a9fe]/latest/meta-data/', true],
    ['https://[2002:7f00:1::]/', true],
    ['http://8.8.8.8/', false],
    ['http://[2606:4700:4700::1111]/', false],
    // Names are judged when they resolve, at connect time (guardedLookup).
    ['http://localhost/', false],
    ['http://example.com/', false],
  ])('%s → %s', (url, expected) => {
    expect(urlNamesPrivateAddress(new URL(url))).toBe(expected);
  });
});

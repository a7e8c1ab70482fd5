import { describe, expect, it } from 'vitest';
import { decodeStickyRoute, encodeStickyRoute } from './sticky-store.js';

describe('sticky route text', () => {
  it('round-trips a route', () => {
    const route = { channelId: 'config-0-openai', keyId: 'config-0-3' };
    expect(decodeStickyRoute(encodeStickyRoute(route))).toEqual(route);
  });

  it.each([null, undefined, '', 'no-newline', '\nkey', 'channel\n', 'a\nb\nc'])('refuses %j', (value) => {
    expect(decodeStickyRoute(value)).toBeUndefined();
  });
});

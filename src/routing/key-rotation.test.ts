import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUTS } from '../upstream/http-client.js';
import type { Channel } from './channel.js';
import { KeyRotation } from './key-rotation.js';

const pool = (ids: string[]): Channel => ({
  id: 'c',
  name: 'c',
  provider: 'openai',
  vendor: 'openai',
  baseUrl: 'http://x',
  keys: ids.map((id) => ({ id, key: `sk-${id}` })),
  modelMapping: {},
  priority: 0,
  weight: 1,
  timeouts: DEFAULT_TIMEOUTS,
  source: 'config',
});

const firstIds = (rotation: KeyRotation, channel: Channel, times: number, usable?: (id: string) => boolean) =>
  Array.from({ length: times }, () => rotation.order(channel, usable && ((key) => usable(key.id)))[0]?.id);

describe('KeyRotation', () => {
  it('starts each request with the next key in turn, the others after it', () => {
    const rotation = new KeyRotation();
    const channel = pool(['k1', 'k2', 'k3']);
    expect(rotation.order(channel).map((key) => key.id)).toEqual(['k1', 'k2', 'k3']);
    expect(rotation.order(channel).map((key) => key.id)).toEqual(['k2', 'k3', 'k1']);
    expect(firstIds(rotation, channel, 4)).toEqual(['k3', 'k1', 'k2', 'k3']);
  });

  it('rotates evenly among the usable keys when one is cooling', () => {
    const rotation = new KeyRotation();
    const channel = pool(['k1', 'k2', 'k3']);
    expect(firstIds(rotation, channel, 6, (id) => id !== 'k1')).toEqual(['k2', 'k3', 'k2', 'k3', 'k2', 'k3']);
  });

  it('returns nothing when no key is usable', () => {
    expect(new KeyRotation().order(pool(['k1']), () => false)).toEqual([]);
  });
});

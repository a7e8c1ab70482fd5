import { DEFAULT_TIMEOUTS } from '../upstream/http-client.js';
import type { Channel } from './channel.js';
import type { RouteCandidate } from './model-router.js';

/** A channel for routing tests: one key `<name>-k1` unless keys are given. */
export function testChannel(name: string, overrides: Partial<Channel> = {}): Channel {
  return {
    id: name,
    name,
    provider: 'openai',
    vendor: 'openai',
    baseUrl: `http://${name}.test/v1`,
    keys: [{ id: `${name}-k1`, key: `sk-${name}-key1` }],
    modelMapping: {},
    priority: 0,
    weight: 1,
    timeouts: DEFAULT_TIMEOUTS,
    source: 'config',
    ...overrides,
  };
}

export function testCandidate(name: string, overrides: Partial<Channel> = {}, model = 'm'): RouteCandidate {
  return { channel: testChannel(name, overrides), upstreamModel: model };
}

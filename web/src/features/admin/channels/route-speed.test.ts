import { describe, expect, it } from 'vitest';
import { speedTableRows } from './route-speed';
import type { Channel, RouteSpeedRow } from './types';

const ROWS: RouteSpeedRow[] = [
  { channelId: 'ch_a', model: 'gpt-4o-mini', ttftMs: 300, tokensPerSecond: 80, samples: 4 },
  { channelId: 'ch_b', model: 'claude-3-5-haiku', ttftMs: 120, samples: 2 },
  { channelId: 'ch_gone', model: 'gpt-4o', ttftMs: 900, tokensPerSecond: 120, samples: 1 },
];
const CHANNELS = [
  { id: 'ch_a', name: 'OpenAI main', type: 'openai' },
  { id: 'ch_b', name: 'Anthropic', type: 'anthropic' },
] as Channel[];

describe('route speed table', () => {
  it('joins each route with its channel, keeping a removed channel by id', () => {
    const rows = speedTableRows(ROWS, CHANNELS, '', 'recent');
    expect(rows.map((row) => row.channel?.name)).toEqual(['OpenAI main', 'Anthropic', undefined]);
  });

  it('orders by first token or throughput, unmeasured last', () => {
    expect(speedTableRows(ROWS, CHANNELS, '', 'latency').map((row) => row.channelId)).toEqual([
      'ch_b',
      'ch_a',
      'ch_gone',
    ]);
    expect(speedTableRows(ROWS, CHANNELS, '', 'throughput').map((row) => row.channelId)).toEqual([
      'ch_gone',
      'ch_a',
      'ch_b',
    ]);
  });

  it('finds by channel name, vendor or model', () => {
    expect(speedTableRows(ROWS, CHANNELS, 'openai', 'recent').map((row) => row.channelId)).toEqual(['ch_a']);
    expect(speedTableRows(ROWS, CHANNELS, 'HAIKU', 'recent').map((row) => row.channelId)).toEqual(['ch_b']);
  });
});

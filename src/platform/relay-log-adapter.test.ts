import { describe, expect, it } from 'vitest';
import type { Usage } from '../ir/index.js';
import type { PlannedAttempt } from '../relay/attempt-plan.js';
import type { RelayLogRecord } from '../relay/relay-ports.js';
import { RelayTrace } from '../relay/relay-trace.js';
import type { Channel } from '../routing/channel.js';
import { toEntry, type UpstreamCosts } from './relay-log-adapter.js';

const channel = (id: string): Channel => ({
  id,
  name: id,
  provider: 'openai',
  vendor: 'openai',
  baseUrl: 'http://upstream',
  keys: [{ id: `${id}-k`, key: 'sk' }],
  modelMapping: {},
  priority: 0,
  weight: 1,
  timeouts: { connectMs: 1, headersMs: 1, idleMs: 1 },
  source: 'admin',
});
const attempt = (id: string): PlannedAttempt => ({
  channel: channel(id),
  upstreamModel: 'gpt-y',
  apiKey: 'sk',
  keyId: 'k',
});
const usage: Usage = { inputTokens: { total: 100 }, outputTokens: { total: 10 } };

/** Prices per token by channel id: cheap 1 unit, dear 3 units; `unknown` has no cost. */
const costs: UpstreamCosts = {
  upstreamCost(route, spent) {
    const rate = { cheap: 1, dear: 3 }[route.channel.id];
    if (rate === undefined) return undefined;
    return rate * ((spent.inputTokens.total ?? 0) + (spent.outputTokens.total ?? 0));
  },
};

function record(setup: (trace: RelayTrace) => void): RelayLogRecord {
  const trace = new RelayTrace();
  trace.request = { model: 'gpt-y', messages: [] } as unknown as RelayTrace['request'];
  setup(trace);
  return { requestId: 'r', createdAt: 1, clientIp: '::1', status: 200, stream: false, latencyMs: 5, trace };
}

describe('the request log entry: what the request cost the operator', () => {
  it('is the usage at the serving route’s cost', () => {
    const entry = toEntry(
      record((trace) => {
        trace.attempt = attempt('dear');
        trace.settlement = { cost: 900, usage, estimated: false };
      }),
      false,
      costs,
    );
    expect(entry).toMatchObject({ upstreamCost: 330, hedgeOverhead: 0 });
  });

  it('is null when the route has no known cost, 0 when nothing was delivered or for a cache hit', () => {
    const unknown = record((trace) => {
      trace.attempt = attempt('unknown');
      trace.settlement = { cost: 900, usage, estimated: false };
    });
    expect(toEntry(unknown, false, costs).upstreamCost).toBeNull();
    expect(
      toEntry(
        record((trace) => (trace.attempt = attempt('dear'))),
        false,
        costs,
      ).upstreamCost,
    ).toBe(0);
    const hit = record((trace) => {
      trace.cached = true;
      trace.settlement = { cost: 0, usage, estimated: false };
    });
    expect(toEntry(hit, false, costs).upstreamCost).toBe(0);
  });

  it('leaves a job’s cost unknown: it is settled later', () => {
    const job = record((trace) => {
      trace.endpoint = 'video';
      trace.attempt = attempt('dear');
    });
    expect(toEntry(job, false, costs).upstreamCost).toBeNull();
  });

  it('counts hedged losers’ prompts at their own routes’ cost as overhead', () => {
    const hedged = record((trace) => {
      trace.attempt = attempt('cheap');
      trace.settlement = { cost: 900, usage, estimated: false };
      trace.hedgeLosers.push({ attempt: attempt('dear'), promptTokens: 100 });
      trace.hedgeLosers.push({ attempt: attempt('cheap'), promptTokens: 40 });
      trace.hedgeLosers.push({ attempt: attempt('unknown'), promptTokens: 40 });
    });
    expect(toEntry(hedged, false, costs)).toMatchObject({ upstreamCost: 110, hedgeOverhead: 340 });
  });

  it('is unknown without a cost source', () => {
    const plain = record((trace) => {
      trace.attempt = attempt('dear');
      trace.settlement = { cost: 900, usage, estimated: false };
    });
    expect(toEntry(plain, false)).toMatchObject({ upstreamCost: null, hedgeOverhead: 0 });
  });
});

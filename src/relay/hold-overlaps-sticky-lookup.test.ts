import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FailoverGateway, startFailoverGateway } from '../../test/e2e/failover-harness.js';
import { asUser, createKey, register, type Session } from '../../test/e2e/platform-client.js';
import { insufficientBalanceError } from '../billing/billing-errors.js';
import { StickyRouting } from '../routing/sticky/sticky-routing.js';
import type { StickyRoute, StickyStore } from '../routing/sticky/sticky-store.js';
import { openAIChatSurface } from '../surfaces/openai/index.js';
import type { ClientConnection } from './client-connection.js';
import type { RelayBilling, RelayCaller } from './relay-ports.js';
import { relayRequest } from './relay-request.js';
import { RelayTrace } from './relay-trace.js';

/**
 * The balance hold and the sticky route lookup are independent, so the relay starts both at once:
 * the sticky store's round trip (Redis in a cluster) overlaps the hold's database write instead of
 * following it. Checked with both held open at the relay's edge: each must have started before
 * either is let go. Failure semantics stay as they were: a refused hold ends the request, a failing
 * sticky store only costs stickiness, and a taken hold is always settled.
 */
const MODEL = 'gpt-4o-mini';
const KEYS = ['sk-a-1', 'sk-a-2'];

let env: FailoverGateway;
let user: Session;
let caller: RelayCaller;
let original: { billing: RelayBilling; sticky: StickyRouting | undefined };

const deps = () => env.gateway.app.deps;

beforeAll(async () => {
  // One channel with two keys: a choice to make, so sticky routing looks the conversation up.
  env = await startFailoverGateway(
    (a) => [{ name: 'chan-a', type: 'openai', base_url: a.url, keys: KEYS, models: [MODEL] }],
    {},
    { apiKey: KEYS },
  );
  user = await register(env.gateway, 'overlap@example.com');
  caller = deps().auth.authenticate((await createKey(env.gateway, user)).key);
  original = { billing: deps().billing, sticky: deps().sticky };
});
afterEach(() => {
  deps().billing = original.billing;
  deps().sticky = original.sticky;
});
afterAll(() => env?.close());

/** A promise the test lets go of by hand. */
function gate() {
  let open = (): void => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** The real billing, whose hold waits for `until` after recording that it started. */
function gatedBilling(events: string[], until: Promise<void>): RelayBilling {
  return {
    ...original.billing,
    async hold(input) {
      events.push('hold started');
      await until;
      const hold = await original.billing.hold(input);
      events.push('hold taken');
      return hold;
    },
  };
}

/** A sticky store whose reads wait for `until` (a slow Redis), then answer as told. */
function gatedStore(events: string[], until: Promise<void>, answer: () => Promise<StickyRoute | undefined>) {
  const store: StickyStore = {
    async get() {
      events.push('lookup started');
      await until;
      events.push('lookup answered');
      return answer();
    },
    set: async () => {},
  };
  return store;
}

function recordingClient(sent: string[]): ClientConnection {
  return {
    signal: new AbortController().signal,
    sendJson: (status) => sent.push(`json ${status}`),
    startStream: () => sent.push('start'),
    write: async () => {},
    end: () => sent.push('end'),
  };
}

async function relay(sent: string[]): Promise<unknown> {
  try {
    await relayRequest(
      {
        requestId: `req-${Math.random()}`,
        caller,
        surface: openAIChatSurface,
        input: {
          body: { model: MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'Tell me about tides' }] },
          headers: {},
          query: {},
          params: {},
        },
        startedAt: performance.now(),
        trace: new RelayTrace(),
      },
      recordingClient(sent),
      deps(),
    );
    return undefined;
  } catch (error) {
    return error;
  }
}

const reserved = async () => (await asUser(env.gateway, user, 'GET', '/api/balance')).json.reserved as number;

describe('the balance hold and the sticky lookup run together', () => {
  it('both start before either resolves, and the answer waits for both', async () => {
    const events: string[] = [];
    const sent: string[] = [];
    const holdGate = gate();
    const lookupGate = gate();
    deps().billing = gatedBilling(events, holdGate.opened);
    deps().sticky = new StickyRouting(gatedStore(events, lookupGate.opened, async () => undefined));
    const upstreamBefore = env.a.requests.length;

    const relayed = relay(sent);
    await vi.waitFor(() => expect(events).toEqual(['hold started', 'lookup started']));
    lookupGate.open();
    await vi.waitFor(() => expect(events).toContain('lookup answered'));
    // The lookup is done, the hold is not: nothing goes upstream yet.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(env.a.requests.length).toBe(upstreamBefore);
    expect(sent).toEqual([]);

    holdGate.open();
    expect(await relayed).toBeUndefined();
    expect(events).toEqual(['hold started', 'lookup started', 'lookup answered', 'hold taken']);
    expect(sent).toEqual(['json 200']);
    expect(env.a.requests.length).toBe(upstreamBefore + 1);
    expect(await reserved()).toBe(0);
  });

  it('a refused hold still ends the request, whatever the lookup is doing', async () => {
    const events: string[] = [];
    const sent: string[] = [];
    const lookupGate = gate();
    const refusal = insufficientBalanceError(0, 0, 0, 1_000);
    deps().billing = {
      ...original.billing,
      async hold() {
        events.push('hold started');
        throw refusal;
      },
    };
    deps().sticky = new StickyRouting(gatedStore(events, lookupGate.opened, async () => undefined));
    const upstreamBefore = env.a.requests.length;

    const thrown = await relay(sent);
    expect(thrown).toBe(refusal);
    expect(events).toEqual(['hold started', 'lookup started']);
    lookupGate.open();
    expect(sent).toEqual([]);
    expect(env.a.requests.length).toBe(upstreamBefore);
  });

  it('a failing sticky store costs only stickiness: the request is answered and its hold settled', async () => {
    const events: string[] = [];
    const sent: string[] = [];
    const holdGate = gate();
    const storeErrors: unknown[] = [];
    deps().billing = gatedBilling(events, holdGate.opened);
    const failingStore = gatedStore(events, Promise.resolve(), async () => {
      throw new Error('redis: connection refused');
    });
    deps().sticky = new StickyRouting(failingStore, (error) => storeErrors.push(error));

    const relayed = relay(sent);
    await vi.waitFor(() => expect(storeErrors).toHaveLength(1));
    holdGate.open();
    expect(await relayed).toBeUndefined();
    expect(sent).toEqual(['json 200']);
    expect(await reserved()).toBe(0);
  });

  it('a lookup that throws outside the store is logged, and the taken hold is still settled', async () => {
    const sent: string[] = [];
    const broken = new StickyRouting(gatedStore([], Promise.resolve(), async () => undefined));
    vi.spyOn(broken, 'lookup').mockRejectedValue(new Error('conversation key failed'));
    deps().sticky = broken;
    const warn = vi.spyOn(deps().logger, 'warn');
    try {
      expect(await relay(sent)).toBeUndefined();
      expect(sent).toEqual(['json 200']);
      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({ err: expect.any(Error) }),
        'sticky routing lookup failed',
      );
      expect(await reserved()).toBe(0);
    } finally {
      warn.mockRestore();
    }
  });
});

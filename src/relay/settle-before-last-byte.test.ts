import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../../test/e2e/gateway-harness.js';
import { createKey, register } from '../../test/e2e/platform-client.js';
import { GatewayError } from '../ir/index.js';
import { openAIChatSurface } from '../surfaces/openai/index.js';
import type { ClientConnection } from './client-connection.js';
import type { BillingHold, RelayBilling, RelayCaller } from './relay-ports.js';
import { relayRequest } from './relay-request.js';
import { RelayTrace } from './relay-trace.js';

/**
 * The settlement commits before the last byte of an answer leaves AIHub, so a process killed at
 * any instant never leaves a fully received answer unbilled. Checked on the order of events at the
 * relay's edge: the client connection and the billing hold record into one list.
 */
let gateway: Gateway;
let caller: RelayCaller;
let original: RelayBilling;

beforeAll(async () => {
  gateway = await startGateway();
  const user = await register(gateway, 'order@example.com');
  caller = gateway.app.deps.auth.authenticate((await createKey(gateway, user)).key);
  original = gateway.app.deps.billing;
});
afterAll(() => gateway?.close());

/** Billing whose settlement records 'settled' once the real one committed, or fails as told. */
function recordingBilling(events: string[], failure?: unknown): RelayBilling {
  return {
    ...original,
    async hold(input) {
      const hold = await original.hold(input);
      const recorded: BillingHold = {
        request: hold.request,
        async settle(meter) {
          const settlement = await hold.settle(meter);
          if (failure) throw failure;
          events.push(`settled ${settlement.cost}`);
          return settlement;
        },
      };
      return recorded;
    },
  };
}

function recordingClient(events: string[]): ClientConnection {
  return {
    signal: new AbortController().signal,
    sendJson: (status, _headers, body) => events.push(`json ${status} ${JSON.stringify(body)}`),
    startStream: () => events.push('start'),
    write: async (text) => {
      events.push(`write ${text}`);
    },
    end: () => events.push('end'),
  };
}

async function relay(body: Record<string, unknown>, failure?: unknown) {
  const events: string[] = [];
  gateway.app.deps.billing = recordingBilling(events, failure);
  let thrown: unknown;
  try {
    await relayRequest(
      {
        requestId: `req-${Math.random()}`,
        caller,
        surface: openAIChatSurface,
        input: { body, headers: {}, query: {}, params: {} },
        startedAt: performance.now(),
        trace: new RelayTrace(),
      },
      recordingClient(events),
      gateway.app.deps,
    );
  } catch (error) {
    thrown = error;
  } finally {
    gateway.app.deps.billing = original;
  }
  return { events, thrown };
}

const closing = (event: string) => /finish_reason":"(stop|length)"|\[DONE\]|"usage":\{/.test(event);

describe.each([
  ['OpenAI', 'gpt-4.1-mini'],
  ['Anthropic', 'claude-sonnet-4-5'],
])('the settlement commits before the last byte (%s)', (vendor, model) => {
  const ask = (stream: boolean) => ({
    model,
    stream,
    max_tokens: 100,
    stream_options: stream ? { include_usage: true } : undefined,
    messages: [{ role: 'user', content: 'Tell me a story' }],
  });

  it('a JSON body is written only after the charge committed', async () => {
    const { events, thrown } = await relay(ask(false));
    expect(thrown).toBeUndefined();
    expect(events.map((event) => event.split(' ')[0])).toEqual(['settled', 'json']);
    expect(Number(events[0]?.split(' ')[1])).toBeGreaterThan(0);
  });

  it('a stream sends its content at once, but its finish_reason, usage and [DONE] only after the charge', async () => {
    const { events, thrown } = await relay(ask(true));
    expect(thrown).toBeUndefined();
    const settledAt = events.findIndex((event) => event.startsWith('settled'));
    const content = events.filter((event, index) => index < settledAt && event.includes('"content"'));
    expect(content.length).toBeGreaterThan(0);
    // OpenAI's own chunks are forwarded (stream-relay.ts), Anthropic's encoded: both hold back alike.
    if (vendor === 'OpenAI') expect(content.every((event) => event.includes('"obfuscation"'))).toBe(true);
    expect(events.slice(0, settledAt).filter(closing)).toEqual([]);
    const after = events
      .slice(settledAt + 1)
      .filter((event) => event.startsWith('write'))
      .join('');
    expect(after).toMatch(/finish_reason":"stop"/);
    expect(after).toMatch(/"usage":\{/);
    expect(after).toMatch(/data: \[DONE\]\n\n$/);
    expect(events.at(-1)).toBe('end');
  });

  it('a settlement that fails: the JSON answer is not sent, AIHub’s own 500 is', async () => {
    const { events, thrown } = await relay(ask(false), new Error('database is gone'));
    expect(events.filter((event) => event.startsWith('json'))).toEqual([]);
    expect(thrown).toBeInstanceOf(GatewayError);
    expect((thrown as GatewayError).status).toBe(500);
    expect((thrown as GatewayError).message).not.toContain('database');
  });

  it('a settlement that fails: the stream ends with an error and [DONE], never with finish_reason', async () => {
    const { events, thrown } = await relay(ask(true), new Error('database is gone'));
    expect(thrown).toBeUndefined();
    const text = events.join('\n');
    expect(text).toContain('"content"');
    expect(text).not.toMatch(/finish_reason":"stop"/);
    expect(text).toMatch(/"error":\{"message":"The server had an error/);
    expect(text).toMatch(/data: \[DONE\]\n\n$/m);
    expect(text).not.toContain('database');
  });
});

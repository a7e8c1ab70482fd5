import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/providers/provider.js';
import { type Gateway, sseData, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session } from './platform-client.js';

/**
 * One client must not be able to take a model away from the others: a failure caused by the
 * client's input or by AIHub itself never counts against an upstream's health (breakers,
 * cooldowns), and the client is charged only for an answer it received.
 */
let gateway: Gateway;
let attacker: Session;
let attackerKey: string;
let bystander: Session;
let bystanderKey: string;

beforeAll(async () => {
  gateway = await startGateway();
  attacker = await register(gateway, 'attacker@example.com');
  attackerKey = (await createKey(gateway, attacker)).key;
  bystander = await register(gateway, 'bystander@example.com');
  bystanderKey = (await createKey(gateway, bystander)).key;
});
afterAll(() => gateway?.close());
beforeEach(() => gateway.app.deps.routeHealth.reset());

async function chat(key: string, body: Record<string, unknown>) {
  const response = await fetch(`${gateway.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function charges(session: Session, requestId: string): Promise<number[]> {
  const ledger = await asUser(gateway, session, 'GET', '/api/ledger?limit=200');
  return ledger.json.data
    .filter((entry: { kind: string; reference: string }) => entry.kind === 'charge' && entry.reference === requestId)
    .map((entry: { amount: number }) => entry.amount);
}

async function routingHealth(): Promise<{ cooldowns: unknown[]; openBreakers: unknown[] }> {
  return (await asAdmin(gateway, 'GET', '/api/admin/routing/health')).json;
}

/** Field names Node refuses in a header value: beyond Latin-1, or control characters. */
const oddNames: Array<[string, string]> = [
  ['CJK', '备注'],
  ['an emoji', 'note🙂'],
  ['a control character', 'a\u0001b'],
  ['CR LF (header injection)', 'x\r\nset-cookie: stolen=1'],
  ['a lone surrogate', 'half\ud800'],
];

describe('the x-aihub-dropped-params header poison', () => {
  it.each(oddNames)(
    'an unknown field named with %s: 200 with a safely encoded header, charged once, breaker untouched',
    async (_label, name) => {
      // Anthropic cannot take unknown fields: the gateway drops them and names them in the header.
      for (let round = 0; round < 6; round++) {
        const stream = round % 2 === 1;
        const reply = await chat(attackerKey, {
          model: 'claude-sonnet-4-5',
          max_tokens: 50,
          stream,
          messages: [{ role: 'user', content: 'hi' }],
          [name]: 'x',
        });
        expect(reply.status).toBe(200);
        const header = reply.headers.get('x-aihub-dropped-params') ?? '';
        expect(header.split(',').map(decodeURIComponent)).toContain(Buffer.from(name).toString());
        expect(reply.headers.get('set-cookie')).toBeNull();
        if (stream) expect(reply.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
        else expect(JSON.parse(reply.text).choices[0].message.content).toContain('Hello from Anthropic');
        const requestId = reply.headers.get('x-request-id') as string;
        expect(await charges(attacker, requestId)).toHaveLength(1);
      }
      expect(await routingHealth()).toEqual({ cooldowns: [], openBreakers: [] });

      // Everyone else is served as before, by the first choice, in one attempt.
      const other = await chat(bystanderKey, {
        model: 'claude-sonnet-4-5',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'hello' }],
      });
      expect(other.status).toBe(200);
      expect(other.headers.get('x-aihub-attempts')).toBe('1');
    },
  );
});

describe('AIHub’s own failures never count against an upstream', () => {
  /** Runs `body` with the Anthropic provider's `name` replaced by `replacement`. */
  async function withProvider<K extends 'decodeResponse' | 'createStreamDecoder'>(
    name: K,
    replacement: (original: Provider[K]) => Provider[K],
    body: () => Promise<void>,
  ): Promise<void> {
    const providers = gateway.app.deps.providers;
    const original = providers.anthropic;
    providers.anthropic = { ...original, [name]: replacement(original[name].bind(original) as Provider[K]) };
    try {
      await body();
    } finally {
      providers.anthropic = original;
    }
  }

  it('an exception while decoding an answer: AIHub’s 500, no retry, no charge, breaker untouched', async () => {
    await withProvider(
      'decodeResponse',
      () => () => {
        throw new TypeError("Cannot read properties of undefined (reading 'content')");
      },
      async () => {
        for (let round = 0; round < 6; round++) {
          const before = gateway.anthropic.requests.length;
          const reply = await chat(attackerKey, {
            model: 'claude-sonnet-4-5',
            max_tokens: 50,
            messages: [{ role: 'user', content: 'hi' }],
          });
          expect(reply.status).toBe(500);
          expect(JSON.parse(reply.text).error).toMatchObject({ type: 'server_error' });
          expect(reply.text).not.toContain('content');
          expect(gateway.anthropic.requests.length - before).toBe(1);
          expect(await charges(attacker, reply.headers.get('x-request-id') as string)).toEqual([]);
        }
      },
    );
    expect(await routingHealth()).toEqual({ cooldowns: [], openBreakers: [] });
    const balance = (await asUser(gateway, attacker, 'GET', '/api/balance')).json;
    expect(balance.reserved).toBe(0);
  });

  it('an exception in the middle of a stream: an in-band server_error and [DONE], the delivered part charged once', async () => {
    await withProvider(
      'createStreamDecoder',
      (original) => (context) => {
        const decoder = original(context);
        let events = 0;
        return {
          push(event) {
            if (++events === 6) throw new RangeError('Invalid array length');
            return decoder.push(event);
          },
          end: () => decoder.end(),
        };
      },
      async () => {
        for (let round = 0; round < 6; round++) {
          gateway.anthropic.enqueue({ chunkCount: 8 });
          const reply = await chat(attackerKey, {
            model: 'claude-sonnet-4-5',
            max_tokens: 50,
            stream: true,
            messages: [{ role: 'user', content: 'Tell me a story' }],
          });
          expect(reply.status).toBe(200);
          const events = sseData(reply.text);
          expect(events.some((event) => event !== '[DONE]' && event.choices?.[0]?.delta?.content)).toBe(true);
          expect(events.filter((event) => event !== '[DONE]' && event.error).map((event) => event.error.type)).toEqual([
            'server_error',
          ]);
          expect(events.at(-1)).toBe('[DONE]');
          expect(await charges(attacker, reply.headers.get('x-request-id') as string)).toHaveLength(1);
        }
      },
    );
    expect(await routingHealth()).toEqual({ cooldowns: [], openBreakers: [] });
  });
});

describe('the last resort, under concurrency', () => {
  let solo: Gateway;
  beforeAll(async () => {
    // One upstream for the model, and breakers that rest 300 ms.
    solo = await startGateway({ AIHUB_BREAKER_OPEN_MS: '300', AIHUB_BREAKER_MAX_OPEN_MS: '300' });
    // A database that takes 50 ms to hold a balance (PostgreSQL under load): between choosing the
    // route and starting the attempt, concurrent requests change the breaker's state.
    const billing = solo.app.deps.billing;
    solo.app.deps.billing = {
      ...billing,
      hold: async (input) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return billing.hold(input);
      },
    };
  });
  afterAll(() => solo?.close());

  it('a burst that finds the only upstream’s breaker half-open is served, not refused with 503 no_available_channel', async () => {
    const user = await register(solo, 'crowd@example.com');
    const key = (await createKey(solo, user)).key;
    const ask = () =>
      fetch(`${solo.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'claude-sonnet-4-5',
          max_tokens: 20,
          messages: [{ role: 'user', content: 'hi' }],
        }),
        signal: AbortSignal.timeout(10_000),
      });
    for (let i = 0; i < 5; i++) solo.anthropic.enqueue({ fault: { type: 'http-error', status: 500 } });
    for (let i = 0; i < 5; i++) expect((await ask()).status).toBe(502);
    expect(solo.app.deps.routeHealth.snapshot().openBreakers).toHaveLength(1);
    // Quiet until the breaker turns half-open: the whole burst sees a usable key, one request
    // takes the probe, and the others must still be tried (the only upstream recovers first).
    await new Promise((resolve) => setTimeout(resolve, 400));
    solo.anthropic.enqueue({ headersDelayMs: 300 }); // the probe takes its time
    const replies = await Promise.all(Array.from({ length: 20 }, () => ask()));
    expect(replies.map((reply) => reply.status).filter((status) => status !== 200)).toEqual([]);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from './gateway-harness.js';
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

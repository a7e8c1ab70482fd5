/**
 * Sticky routing through the real server: two healthy channels of three keys each serve one model.
 * - 100 turns of one conversation (its history growing, JSON and streams) all reach the same
 *   channel and upstream key, read from the keys the emulators received;
 * - other conversations are spread by the usual rotation, so they do not all share that key;
 * - when the sticky key is rate-limited (429 with retry-after), the very same request is answered
 *   by another key, and the conversation then stays on that new key, even once the old one is
 *   healthy again;
 * - a `prompt_cache_key` or an `x-session-id` holds a conversation whose first message changes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../emulators/types.js';
import { chat, type FailoverGateway, logRow, startFailoverGateway } from './failover-harness.js';
import { ADMIN_KEY } from './gateway-harness.js';

const MODEL = 'gpt-4o-mini';
const KEYS_A = ['sk-a-1', 'sk-a-2', 'sk-a-3'];
const KEYS_B = ['sk-b-1', 'sk-b-2', 'sk-b-3'];

let env: FailoverGateway;

beforeAll(async () => {
  env = await startFailoverGateway(
    (a, b) => [
      { name: 'chan-a', type: 'openai', base_url: a.url, keys: KEYS_A, models: [MODEL] },
      { name: 'chan-b', type: 'openai', base_url: b.url, keys: KEYS_B, models: [MODEL] },
    ],
    {},
    { apiKey: [...KEYS_A, ...KEYS_B] },
  );
});
afterAll(() => env?.close());

beforeEach(() => {
  env.a.reset();
  env.b.reset();
  env.gateway.app.deps.routeHealth.reset();
});

type Turn = { role: string; content: string };

/** Sends one turn and returns `emulator/key` of the upstream call that answered it. */
async function turn(
  messages: Turn[],
  options: { stream?: boolean; extra?: Record<string, unknown> } = {},
): Promise<{ served: string; requestId: string }> {
  const before = { a: env.a.requests.length, b: env.b.requests.length };
  const reply = await chat(env.gateway, { model: MODEL, messages, stream: options.stream ?? false, ...options.extra });
  expect(reply.status, reply.text).toBe(200);
  const served = lastKey(env.a, before.a, 'A') ?? lastKey(env.b, before.b, 'B');
  if (!served) throw new Error('no upstream received the request');
  return { served, requestId: reply.headers.get('x-request-id') ?? '' };
}

/** The key of the last successful call an emulator received since `from`. */
function lastKey(emulator: Emulator, from: number, name: string): string | undefined {
  const request = emulator.requests.slice(from).at(-1);
  return request ? `${name}/${String(request.headers.authorization).replace('Bearer ', '')}` : undefined;
}

/** A conversation whose history grows turn by turn, as a chat client sends it. */
function conversation(topic: string) {
  const messages: Turn[] = [
    { role: 'system', content: 'You are a patient tutor.' },
    { role: 'user', content: `Teach me about ${topic}.` },
  ];
  return {
    messages: () => messages.map((message) => ({ ...message })),
    answered(index: number) {
      messages.push({ role: 'assistant', content: `Part ${index} about ${topic}.` });
      messages.push({ role: 'user', content: `Go on (${index}).` });
    },
  };
}

describe('sticky routing over two healthy channels', () => {
  it('holds one conversation on one channel key for 100 turns, and moves at once when that key is rate-limited', {
    timeout: 120_000,
  }, async () => {
    const talk = conversation('tides');
    const served: string[] = [];
    for (let index = 0; index < 100; index++) {
      served.push((await turn(talk.messages(), { stream: index % 4 === 3 })).served);
      talk.answered(index);
    }
    const sticky = served[0] as string;
    expect(new Set(served)).toEqual(new Set([sticky]));

    // Other conversations are routed afresh: rotation and weighted order spread them.
    const others = new Set<string>();
    for (let index = 0; index < 12; index++) others.add((await turn(conversation(`topic ${index}`).messages())).served);
    expect(others.size).toBeGreaterThan(1);

    // The sticky key is rate-limited: the same request is answered by another key at once.
    const [emulatorName, stickyKey] = sticky.split('/') as [string, string];
    const emulator = emulatorName === 'A' ? env.a : env.b;
    emulator.setScript((request) =>
      request.headers.authorization === `Bearer ${stickyKey}`
        ? { fault: { type: 'http-error', status: 429, retryAfterSeconds: 30 } }
        : undefined,
    );
    const moved = await turn(talk.messages());
    talk.answered(100);
    expect(moved.served).not.toBe(sticky);
    const row = await logRow(env.gateway, moved.requestId);
    expect(row.attemptsDetail?.map((attempt) => [attempt.status, attempt.outcome])).toEqual([
      [429, 'rate_limit_exceeded'],
      [200, 'ok'],
    ]);

    // It stays on its new key, also once the old one has recovered.
    emulator.setScript(undefined);
    env.gateway.app.deps.routeHealth.reset();
    const after: string[] = [];
    for (let index = 101; index < 121; index++) {
      after.push((await turn(talk.messages(), { stream: index % 2 === 0 })).served);
      talk.answered(index);
    }
    expect(new Set(after)).toEqual(new Set([moved.served]));
  });

  it.each([
    ['prompt_cache_key', (id: string) => ({ extra: { prompt_cache_key: id } })],
    ['x-session-id', (id: string) => ({ headers: { 'x-session-id': id } })],
  ])('holds a conversation named by %s whatever its first message', async (_name, naming) => {
    const served = new Set<string>();
    for (let index = 0; index < 20; index++) {
      const named = naming('session-7') as { extra?: Record<string, unknown>; headers?: Record<string, string> };
      const before = { a: env.a.requests.length, b: env.b.requests.length };
      const response = await fetch(`${env.gateway.baseURL}/chat/completions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ADMIN_KEY}`,
          'content-type': 'application/json',
          ...named.headers,
        },
        body: JSON.stringify({
          model: MODEL,
          messages: [{ role: 'user', content: `question ${index}` }],
          ...named.extra,
        }),
      });
      expect(response.status).toBe(200);
      await response.text();
      served.add(lastKey(env.a, before.a, 'A') ?? lastKey(env.b, before.b, 'B') ?? 'none');
    }
    expect(served.size).toBe(1);
  });
});

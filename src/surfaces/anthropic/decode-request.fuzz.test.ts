import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { countMessagesTokens } from './count-tokens.js';
import { decodeMessagesRequest } from './decode-request.js';

/** A small seeded generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'type',
  'text',
  'role',
  'content',
  'source',
  'data',
  'id',
  'name',
  'input',
  '__proto__',
  'constructor',
  '',
];
const TYPES = [
  'text',
  'image',
  'document',
  'tool_use',
  'tool_result',
  'thinking',
  'redacted_thinking',
  'base64',
  'url',
  'enabled',
  'adaptive',
  'tool',
  'any',
];

function value(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 6 : 9));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return [0, -1, 1.5, 2 ** 53, Number.MAX_VALUE, 1e-300][Math.floor(next() * 6)];
    case 3:
      return TYPES[Math.floor(next() * TYPES.length)];
    case 4:
      return 'x'.repeat(Math.floor(next() * 3) ** 6);
    case 5:
      return '';
    case 6:
      return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let index = Math.floor(next() * 4); index > 0; index--) {
        Object.defineProperty(object, KEYS[Math.floor(next() * KEYS.length)], {
          value: value(next, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return object;
    }
  }
}

const valid = {
  model: 'claude',
  max_tokens: 10,
  system: [{ type: 'text', text: 's' }],
  tools: [{ name: 'f', input_schema: { type: 'object' } }],
  tool_choice: { type: 'auto' },
  thinking: { type: 'enabled', budget_tokens: 1024 },
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'q' },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'x' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 't', signature: 's' },
        { type: 'tool_use', id: 'a', name: 'f', input: {} },
      ],
    },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'a', content: [{ type: 'text', text: 'r' }] }] },
  ],
};

/** A copy of `body` with one node, chosen at random, replaced by a random value. */
function mutate(body: unknown, next: () => number): unknown {
  if (typeof body !== 'object' || body === null || next() < 0.25) return value(next, 0);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(body) ? [...body] : { ...(body as object) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return copy;
  const key = keys[Math.floor(next() * keys.length)];
  (copy as Record<string, unknown>)[key] = mutate((copy as Record<string, unknown>)[key], next);
  return copy;
}

describe('decodeMessagesRequest on generated bodies', () => {
  it('answers 10,000 mutated and random bodies with a decoded request or a 400, never anything else', () => {
    const next = random(12);
    let rejected = 0;
    for (let round = 0; round < 10_000; round++) {
      const body = round % 5 === 0 ? value(next, 0) : mutate(valid, next);
      for (const decode of [
        () => decodeMessagesRequest({ body, headers: {} }),
        () => countMessagesTokens({ body, headers: {} }),
      ]) {
        try {
          decode();
        } catch (error) {
          if (!(error instanceof GatewayError) || error.status !== 400) {
            throw new Error(`round ${round}: ${String(error)} for ${JSON.stringify(body)?.slice(0, 300)}`);
          }
          rejected++;
        }
      }
    }
    // Both outcomes happen: the generator is not just producing garbage or just valid bodies.
    expect(rejected).toBeGreaterThan(1000);
    expect(rejected).toBeLessThan(19_000);
  });
});

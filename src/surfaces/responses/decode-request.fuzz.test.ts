import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { decodeResponsesRequest } from './decode-request.js';

/**
 * The decoder must survive any JSON value: every body either decodes or is a 400 GatewayError.
 * Bodies are mutations of realistic requests (a field replaced by a random value, at any depth),
 * from a seeded generator so a failure reproduces.
 */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'type', 'role', 'content', 'text', 'call_id', ''];

function randomValue(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 6 : 9));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return [0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER, 2][Math.floor(next() * 6)];
    case 3:
      return ['', 'input_text', 'function_call', 'message', 'aihub.r1.x', 'data:;base64,', 'x'.repeat(10_000)][
        Math.floor(next() * 7)
      ];
    case 4:
      return 'auto';
    case 5:
      return {};
    case 6:
      return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 4); i > 0; i -= 1) {
        object[ODD_KEYS[Math.floor(next() * ODD_KEYS.length)] ?? 'k'] = randomValue(next, depth + 1);
      }
      return JSON.parse(JSON.stringify(object));
    }
  }
}

const SEEDS = [
  {
    model: 'm',
    instructions: 'x',
    input: [
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'a' },
          { type: 'input_image', image_url: 'https://x.test/i.png' },
        ],
      },
      { type: 'reasoning', summary: [{ type: 'summary_text', text: 's' }], encrypted_content: 'gAAA' },
      { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c', output: [{ type: 'input_text', text: 'o' }] },
    ],
    tools: [{ type: 'function', name: 'f', parameters: { type: 'object' } }, { type: 'web_search' }],
    tool_choice: { type: 'function', name: 'f' },
    reasoning: { effort: 'low', summary: 'auto' },
    text: { format: { type: 'json_schema', name: 'n', schema: {} }, verbosity: 'low' },
    include: ['reasoning.encrypted_content'],
    metadata: { a: 'b' },
    stream: true,
  },
];

/** Replaces one randomly chosen node of a copy of `value` with a random value. */
function mutate(value: unknown, next: () => number): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let node: unknown = copy;
  for (let depth = 0; depth < 6; depth += 1) {
    if (node === null || typeof node !== 'object') break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[Math.floor(next() * keys.length)] as string;
    const child = (node as Record<string, unknown>)[key];
    if (next() < 0.3 || child === null || typeof child !== 'object') {
      (node as Record<string, unknown>)[key] = randomValue(next, depth);
      return copy;
    }
    node = child;
  }
  return copy;
}

describe('decodeResponsesRequest under fuzzing', () => {
  it('answers 2,000 mutated bodies and 1,000 random values with a request or a 400, never anything else', () => {
    const next = random(12);
    const bodies: unknown[] = [];
    for (let i = 0; i < 2000; i += 1) bodies.push(mutate(SEEDS[0], next));
    for (let i = 0; i < 1000; i += 1) bodies.push(randomValue(next, 0));
    let refused = 0;
    for (const body of bodies) {
      try {
        decodeResponsesRequest(body);
      } catch (error) {
        if (!(error instanceof GatewayError) || error.status !== 400) {
          throw new Error(`unexpected ${String(error)} for ${JSON.stringify(body).slice(0, 300)}`);
        }
        expect(error.message.length).toBeLessThan(1000);
        refused += 1;
      }
    }
    // Both outcomes occur: the generator reaches valid and invalid bodies.
    expect(refused).toBeGreaterThan(100);
    expect(refused).toBeLessThan(bodies.length);
  });
});

/**
 * Deep nesting: a body nested thousands of levels deep used to overflow the stack in code that
 * walks the body recursively (the cache key, JSON.stringify towards the upstream): a 500. Past
 * the documented limit it is a 400 in the caller's envelope, on every route that takes a body;
 * at the limit, every provider and the response cache still answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Gateway, postJson, startGateway } from './gateway-harness.js';

const LIMIT = 128;
const PLACEHOLDER = '"__DEEP__"';

let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway?.close());

/** JSON text of objects nested `depth` levels (`{"a":{"a":{}}}` is 3), built as text: no recursion. */
function deepObject(depth: number): string {
  return `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
}

/** JSON text of arrays nested `depth` levels. */
function deepArray(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** How many objects and arrays enclose the placeholder in `template`. */
function levelsAround(template: unknown): number {
  const text = JSON.stringify(template);
  const before = text.slice(0, text.indexOf(PLACEHOLDER));
  let depth = 0;
  let inString = false;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return depth;
}

/** `template` as JSON text with the placeholder replaced by a value nested so the whole body is `total` deep. */
function bodyOfDepth(template: unknown, total: number, shape: (depth: number) => string = deepObject): string {
  return JSON.stringify(template).replace(PLACEHOLDER, shape(total - levelsAround(template)));
}

const messages = [{ role: 'user', content: 'Hello' }];
const chatFields: Record<string, (model: string) => unknown> = {
  'tools[].function.parameters': (model) => ({
    model,
    messages,
    tools: [{ type: 'function', function: { name: 'lookup', parameters: '__DEEP__' } }],
  }),
  'response_format.json_schema.schema': (model) => ({
    model,
    messages,
    response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: '__DEEP__' } },
  }),
  'an unknown field (in the cache key)': (model) => ({ model, messages, vendor_extension: '__DEEP__' }),
};

async function post(path: string, text: string, headers: Record<string, string> = {}) {
  return postJson(gateway, path, text, { 'x-aihub-cache': 'on', ...headers });
}

function expectTooDeep(response: { status: number; text: string; json: () => any }) {
  expect(response.status, response.text.slice(0, 300)).toBe(400);
  const body = response.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'json_too_deep', param: null });
  expect(body.error.message).toContain(`${LIMIT} levels`);
}

describe('JSON nesting depth is bounded at parsing, on every route', () => {
  it('runs with the documented default limit', () => {
    expect(gateway.app.settings.clientLimits.jsonMaxDepth).toBe(LIMIT);
  });

  describe.each(Object.entries(chatFields))('chat completions, deep %s, response cache on', (_field, template) => {
    it.each([10_000, LIMIT + 1])('depth %i → 400 json_too_deep, never a 5xx', async (depth) => {
      const calls = gateway.openai.requestCount;
      expectTooDeep(await post('/v1/chat/completions', bodyOfDepth(template('gpt-4.1-mini'), depth)));
      expect(gateway.openai.requestCount).toBe(calls);
    });

    it.each(['gpt-4.1-mini', 'claude-sonnet-4-5', 'gemini-2.5-flash'])(
      'exactly the limit is accepted and answered by %s, streamed or not',
      async (model) => {
        for (const stream of [false, true]) {
          const response = await post(
            '/v1/chat/completions',
            bodyOfDepth({ ...(template(model) as object), stream }, LIMIT),
          );
          expect(response.status, response.text.slice(0, 300)).toBe(200);
        }
      },
    );
  });

  it('every /api route that takes a body answers 400 at depth 10,000 and at the limit + 1', async () => {
    const document = (await (await fetch(`${gateway.origin}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'x') })),
    );
    expect(routes.length).toBeGreaterThan(20);
    for (const { method, path } of routes) {
      for (const text of [deepObject(10_000), deepArray(10_000), deepObject(LIMIT + 1)]) {
        const response = await fetch(`${gateway.origin}${path}`, {
          method,
          headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
          body: text,
        });
        const body = await response.text();
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 400 });
        expectTooDeep({ status: response.status, text: body, json: () => JSON.parse(body) });
      }
    }
  });

  it('a deep body without a content type, and deep arrays, are refused the same way', async () => {
    const response = await fetch(`${gateway.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
      body: deepArray(10_000),
    });
    const text = await response.text();
    expectTooDeep({ status: response.status, text, json: () => JSON.parse(text) });
  });

  it('the server keeps answering after a burst of deep bodies', async () => {
    const deep = bodyOfDepth(chatFields['an unknown field (in the cache key)']!('gpt-4.1-mini'), 50_000);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () => post('/v1/chat/completions', deep).then((r) => r.status)),
    );
    expect(new Set(statuses)).toEqual(new Set([400]));
    const ok = await post('/v1/chat/completions', JSON.stringify({ model: 'gpt-4.1-mini', messages }));
    expect(ok.status).toBe(200);
  });
});

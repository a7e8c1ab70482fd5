import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, postJson, startGateway } from './gateway-harness.js';

let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway?.close());

function expectEnvelope(response: { status: number; headers: Headers; json: () => any }, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  expect(response.headers.get('x-request-id')).toBeTruthy();
  const body = response.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.type).toEqual(expect.any(String));
  expect(body.error.message).not.toMatch(/at .*\.(ts|js):\d+/); // never a stack trace
  return body.error;
}

describe('bad input gets a clear 4xx in the OpenAI envelope', () => {
  it('invalid JSON → 400', async () => {
    const error = expectEnvelope(await postJson(gateway, '/v1/chat/completions', '{"model": "gpt-4o",'), 400);
    expect(error.message).toContain('parse the JSON body');
  });

  it('an empty body → 400', async () => {
    expectEnvelope(await postJson(gateway, '/v1/chat/completions', ''), 400);
  });

  it('missing messages → 400 naming the parameter', async () => {
    const error = expectEnvelope(await postJson(gateway, '/v1/chat/completions', { model: 'gpt-4o' }), 400);
    expect(error.param).toBe('messages');
  });

  it('wrong types → 400 naming the field', async () => {
    const error = expectEnvelope(
      await postJson(gateway, '/v1/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: 42 }] }),
      400,
    );
    expect(error.param).toBe('messages[0].content');
  });

  it('an unknown model → 404 model_not_found', async () => {
    const error = expectEnvelope(
      await postJson(gateway, '/v1/chat/completions', { model: 'nope-1', messages: [{ role: 'user', content: 'x' }] }),
      404,
    );
    expect(error.code).toBe('model_not_found');
  });

  it('no key → 401, wrong key → 401', async () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] };
    expectEnvelope(await postJson(gateway, '/v1/chat/completions', body, { authorization: '' }), 401);
    const error = expectEnvelope(
      await postJson(gateway, '/v1/chat/completions', body, { authorization: 'Bearer sk-wrong' }),
      401,
    );
    expect(error.code).toBe('invalid_api_key');
  });

  it('an unknown route → 404 in the envelope', async () => {
    expectEnvelope(await postJson(gateway, '/v1/not-a-route', {}), 404);
  });

  it('n > 1 for Anthropic → 400 (it cannot fan out a single call)', async () => {
    const error = expectEnvelope(
      await postJson(gateway, '/v1/chat/completions', {
        model: 'claude-sonnet-4-5',
        n: 2,
        messages: [{ role: 'user', content: 'x' }],
      }),
      400,
    );
    expect(error.param).toBe('n');
  });

  it('accepts a 30 MB body and answers a body over the 32 MB limit with 413', async () => {
    const big = 'a'.repeat(30 * 1024 * 1024);
    const accepted = await postJson(gateway, '/v1/chat/completions', {
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: big }],
    });
    expect(accepted.status).toBe(200);
    const tooBig = 'a'.repeat(33 * 1024 * 1024);
    const error = expectEnvelope(
      await postJson(gateway, '/v1/chat/completions', {
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user', content: tooBig }],
      }),
      413,
    );
    expect(error.code).toBe('request_too_large');
  });
});

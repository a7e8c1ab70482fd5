import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpApp } from './server.js';

const app = createHttpApp({ bodyLimitBytes: 1024, logger: pino({ level: 'silent' }), consoleDir: null });
app.get('/api/things/:id', async () => ({ ok: true }));
afterAll(() => app.close());

function expectEnvelope(response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }) {
  expect(response.headers['x-request-id']).toEqual(expect.any(String));
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json() as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  return body.error;
}

// Found by the fuzz suite (issue 11): the router answered these itself, in Fastify's own shape
// ({"error":"Bad Request","code":"FST_ERR_BAD_URL",...}) and without a request id.
describe('URLs the router refuses get the error envelope and a request id', () => {
  it('a broken percent-escape in a path parameter is a 400 invalid_url', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/things/%' });
    expect(response.statusCode).toBe(400);
    const error = expectEnvelope(response);
    expect(error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_url' });
  });

  it('a path parameter longer than the router accepts is a 414 invalid_url', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/things/${'i'.repeat(2_000)}` });
    expect(response.statusCode).toBe(414);
    expect(expectEnvelope(response).code).toBe('invalid_url');
  });

  it('a fine URL still reaches its route', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/things/abc' });
    expect(response.statusCode).toBe(200);
  });
});

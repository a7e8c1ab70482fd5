import { connect } from 'node:net';
import pino from 'pino';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPath } from './client-error.js';
import { createHttpApp } from './server.js';

const app = createHttpApp({ bodyLimitBytes: 1024, logger: pino({ level: 'silent' }), consoleDir: null });
let origin = '';
beforeAll(async () => {
  origin = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => app.close());

/** Headers past Node's 16 KB limit, in two values an HTTP client may send. */
const HUGE_HEADERS = { 'anthropic-beta': 'v'.repeat(9_000), 'openai-beta': 'v'.repeat(9_000) };

// Found by the surfaces' fuzz (issue 12): Node's parser refused these before any route ran, and
// Fastify answered in a shape of its own ({"error":"Request Header Fields Too Large",...}) with no
// request id, which no vendor SDK parses.
describe('what the HTTP parser refuses is answered in the caller’s envelope with a request id', () => {
  it('headers past the size limit: a 431 in OpenAI’s envelope', async () => {
    const response = await request(`${origin}/v1/responses`, { method: 'POST', headers: HUGE_HEADERS, body: '{}' });
    expect(response.statusCode).toBe(431);
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
    expect(await response.body.json()).toEqual({
      error: {
        message: expect.stringContaining('headers are larger'),
        type: 'invalid_request_error',
        param: null,
        code: 'request_headers_too_large',
      },
    });
  });

  it('headers past the size limit on /v1/messages: a 431 in Anthropic’s envelope', async () => {
    const response = await request(`${origin}/v1/messages?beta=true`, {
      method: 'POST',
      headers: HUGE_HEADERS,
      body: '{}',
    });
    expect(response.statusCode).toBe(431);
    const id = response.headers['x-request-id'];
    expect(await response.body.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
      request_id: id,
    });
  });

  it('bytes that are not HTTP: a 400 in the envelope', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(origin).port), '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      socket.write('POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nx-bad: a\u0001b\r\n\r\n');
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/\r\nx-request-id: \w+\r\n/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).error.code).toBe('invalid_http');
  });
});

describe('requestPath', () => {
  it('reads the path of a request line, else answers /', () => {
    expect(requestPath(Buffer.from('GET /v1/messages?beta=true HTTP/1.1\r\nhost: x'))).toBe('/v1/messages?beta=true');
    expect(requestPath(Buffer.from('x-header: value\r\n'))).toBe('/');
    expect(requestPath(undefined)).toBe('/');
    // A URL longer than what is read still names its surface by its start.
    const long = `POST /v1beta/models/${'x'.repeat(9_000)}:countTokens HTTP/1.1\r\n`;
    expect(requestPath(Buffer.from(long)).startsWith('/v1beta/models/xxx')).toBe(true);
  });
});

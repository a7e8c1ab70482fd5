import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { decodeOpenAIError, errorFromPayload } from './openai-error.js';

const decode = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  decodeOpenAIError(status, headers, typeof body === 'string' ? body : JSON.stringify(body));

describe('decodeOpenAIError', () => {
  it("reads OpenAI's envelope and keeps upstream status, type, param and code", () => {
    const error = decode(400, {
      error: { message: 'Bad value', type: 'invalid_request_error', param: 'temperature', code: 'invalid_value' },
    });
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({
      kind: 'invalid_request',
      status: 400,
      message: 'Bad value',
      param: 'temperature',
      code: 'invalid_value',
      upstreamStatus: 400,
      upstreamType: 'invalid_request_error',
      retryable: false,
    });
  });

  it.each([
    [429, 'insufficient_quota', 'insufficient_quota', true],
    [401, 'invalid_api_key', 'authentication', false],
    [400, 'context_length_exceeded', 'invalid_request', false],
    [404, 'model_not_found', 'not_found', false],
    [400, 'model_not_found', 'not_found', false],
    [429, 'rate_limit_exceeded', 'rate_limit', true],
    [500, null, 'upstream_error', true],
    [503, null, 'overloaded', true],
  ] as const)('HTTP %s with code %s is %s (retryable %s)', (status, code, kind, retryable) => {
    const error = decode(status, { error: { message: 'm', type: 'x', code } });
    expect(error).toMatchObject({ kind, retryable, code });
  });

  it('insufficient_quota in `type` (older OpenAI answers) is recognised too', () => {
    expect(decode(429, { error: { message: 'quota', type: 'insufficient_quota', code: null } }).kind).toBe(
      'insufficient_quota',
    );
  });

  it('retry-after and retry-after-ms headers become retryAfterMs', () => {
    expect(decode(429, { error: { message: 'slow down' } }, { 'retry-after': '7' }).retryAfterMs).toBe(7000);
    expect(decode(429, { error: { message: 'slow down' } }, { 'retry-after-ms': '250' }).retryAfterMs).toBe(250);
  });

  it('`{error: "text"}` (Ollama, some proxies)', () => {
    expect(decode(404, { error: 'model "llama9" not found, try pulling it first' })).toMatchObject({
      kind: 'not_found',
      message: 'model "llama9" not found, try pulling it first',
    });
  });

  it("Mistral's `{object: 'error', message: {detail}}` keeps the detail as compact JSON", () => {
    const error = decode(422, {
      object: 'error',
      message: { detail: [{ type: 'extra_forbidden', loc: ['body', 'stream_options'] }] },
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
    expect(error.kind).toBe('invalid_request');
    expect(error.message).toBe('{"detail":[{"type":"extra_forbidden","loc":["body","stream_options"]}]}');
  });

  it("Gemini compat's array envelope with a string status", () => {
    const error = decode(400, [{ error: { code: 400, message: 'API key not valid.', status: 'INVALID_ARGUMENT' } }]);
    expect(error).toMatchObject({
      kind: 'invalid_request',
      message: 'API key not valid.',
      upstreamType: 'INVALID_ARGUMENT',
      code: null,
    });
  });

  it('an HTML error page from a proxy never reaches the message', () => {
    const error = decode(
      502,
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
    );
    expect(error).toMatchObject({
      kind: 'upstream_error',
      status: 502,
      message: 'upstream returned HTTP 502',
      upstreamStatus: 502,
    });
  });

  it('HTML inside a JSON message is dropped too; empty bodies are summarised', () => {
    expect(decode(503, { error: { message: '<!DOCTYPE html><html>down</html>' } }).message).toBe(
      'upstream returned HTTP 503',
    );
    expect(decode(500, '').message).toBe('upstream returned HTTP 500');
  });

  it('a short plain-text body is kept', () => {
    expect(decode(504, 'upstream request timeout')).toMatchObject({
      kind: 'upstream_timeout',
      message: 'upstream request timeout',
    });
  });

  it('very long messages are cut', () => {
    expect(decode(400, { error: { message: 'x'.repeat(5000) } }).message.length).toBeLessThanOrEqual(1001);
  });
});

describe('errorFromPayload', () => {
  it('is undefined without an error', () => {
    expect(errorFromPayload({ choices: [] })).toBeUndefined();
    expect(errorFromPayload({ error: null })).toBeUndefined();
    expect(errorFromPayload(undefined)).toBeUndefined();
  });

  it('uses a numeric code (OpenRouter) or status_code (Groq) as the HTTP status', () => {
    expect(errorFromPayload({ error: { code: 400, message: 'Token limit reached' } })).toMatchObject({
      kind: 'invalid_request',
      upstreamStatus: 400,
      code: null,
    });
    expect(errorFromPayload({ error: { message: 'busy', status_code: 503 } })).toMatchObject({
      kind: 'overloaded',
      upstreamStatus: 503,
    });
  });

  it('without a status an error in a 200 answer is an upstream error, refined by type', () => {
    expect(errorFromPayload({ error: { message: 'boom' } })).toMatchObject({ kind: 'upstream_error', message: 'boom' });
    expect(errorFromPayload({ error: { message: 'bad', type: 'invalid_request_error' } })?.kind).toBe(
      'invalid_request',
    );
  });
});

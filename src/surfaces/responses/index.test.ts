import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import type { ResponseMeta, SurfaceInput } from '../surface.js';
import { ResponsesStreamEncoder, responsesSurface } from './index.js';

const input = (body: unknown): SurfaceInput => ({ body, headers: {}, query: {}, params: {} });
const meta: ResponseMeta = { requestId: 'q', created: 2, model: 'gpt-5', provider: 'openai', vendor: 'openai' };

describe('responsesSurface', () => {
  it('is the OpenAI Responses surface', () => {
    expect(responsesSurface.id).toBe('openai-responses');
    expect(responsesSurface.nativeProvider).toBe('openai');
  });

  it('decodes, encodes a result and creates a stream encoder', () => {
    const request = responsesSurface.decode(input({ model: 'gpt-5', input: 'hi', stream: true }));
    expect(request.stream).toBe(true);
    expect(responsesSurface.streamContentType(request, input({}))).toMatch(/^text\/event-stream/);
    const body = responsesSurface.encodeResult(
      { choices: [{ index: 0, content: [{ type: 'text', text: 'yo' }], finishReason: { unified: 'stop' } }] },
      request,
      meta,
    ) as Record<string, unknown>;
    expect(body).toMatchObject({ id: 'resp_q', object: 'response', status: 'completed' });
    expect(responsesSurface.createStreamEncoder(request, meta, input({}))).toBeInstanceOf(ResponsesStreamEncoder);
  });

  it('refuses previous_response_id without a store behind it', () => {
    expect(() =>
      responsesSurface.decode(input({ model: 'gpt-5', input: 'x', previous_response_id: 'resp_1' })),
    ).toThrow(expect.objectContaining({ status: 400, param: 'previous_response_id' }));
  });

  it('errors in OpenAI’s envelope', () => {
    expect(
      responsesSurface.encodeError(new GatewayError({ kind: 'invalid_request', message: 'bad', param: 'input' })),
    ).toEqual({ body: { error: { message: 'bad', type: 'invalid_request_error', param: 'input', code: null } } });
  });
});

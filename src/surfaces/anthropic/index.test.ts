import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { anthropicMessagesSurface } from './index.js';

describe('anthropicMessagesSurface', () => {
  const input = {
    body: { model: 'claude', max_tokens: 5, stream: true, messages: [{ role: 'user', content: 'hi' }] },
    headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14' },
    query: { beta: 'true' },
    params: {},
  };
  const meta = { requestId: 'r', created: 0, model: 'claude', provider: 'openai' as const, vendor: 'deepseek' };

  it('is the Messages surface, native to Anthropic, streaming server-sent events', () => {
    const request = anthropicMessagesSurface.decode(input);
    expect(anthropicMessagesSurface.id).toBe('anthropic-messages');
    expect(anthropicMessagesSurface.nativeProvider).toBe('anthropic');
    expect(anthropicMessagesSurface.streamContentType(request, input)).toBe('text/event-stream');
    expect(request).toMatchObject({
      stream: true,
      includeUsage: true,
      anthropicBeta: ['interleaved-thinking-2025-05-14'],
    });
  });

  it('encodes answers, streams and errors in Anthropic’s shapes', () => {
    const request = anthropicMessagesSurface.decode(input);
    const result = anthropicMessagesSurface.encodeResult(
      {
        choices: [
          { index: 0, content: [{ type: 'text', text: 'yo' }], finishReason: { unified: 'stop', raw: 'stop' } },
        ],
      },
      request,
      meta,
    );
    expect(result).toMatchObject({
      id: 'msg_r',
      type: 'message',
      content: [{ type: 'text', text: 'yo' }],
      stop_reason: 'end_turn',
    });
    const encoder = anthropicMessagesSurface.createStreamEncoder(request, meta, input);
    expect(encoder.encode({ type: 'text-delta', delta: 'yo' })).toMatch(/^event: message_start\n/);
    expect(encoder.end()).toMatch(/event: message_stop\ndata: \{"type":"message_stop"\}\n\n$/);
    const error = anthropicMessagesSurface.encodeError(new GatewayError({ kind: 'rate_limit', message: 'slow down' }));
    expect(anthropicMessagesSurface.answerHeaders?.('req-7')).toEqual({ 'request-id': 'req-7' });
    expect(error.body).toEqual({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'slow down' },
      request_id: null,
    });
  });
});

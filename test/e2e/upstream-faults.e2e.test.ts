import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedUrl } from '../emulators/server.js';
import { ADMIN_KEY, type Gateway, postJson, sseData, startGateway } from './gateway-harness.js';

let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway?.close());

const ask = (model: string, stream = true) => ({
  model,
  stream,
  messages: [{ role: 'user', content: 'Tell me a story' }],
});

function streamText(events: any[]): string {
  return events
    .filter((event) => event !== '[DONE]' && event.choices)
    .map((event) => event.choices[0]?.delta?.content ?? '')
    .join('');
}

describe('upstream failures before the first byte', () => {
  it('Anthropic overloaded_error as the first event after HTTP 200 becomes a 503 envelope, not a broken stream', async () => {
    gateway.anthropic.enqueue({
      fault: { type: 'in-band-error', afterChunks: 0, errorType: 'overloaded_error', message: 'Overloaded' },
    });
    const response = await postJson(gateway, '/v1/chat/completions', ask('claude-sonnet-4-5'));
    expect(response.status).toBe(503);
    expect(response.json().error.message).toContain('Overloaded');
  });

  it('a 429 with retry-after is passed on with the header when no other key or channel is left', async () => {
    gateway.openai.enqueue({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 7 } });
    const response = await postJson(gateway, '/v1/chat/completions', ask('gpt-4.1-mini', false));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.json().error.type).toBe('rate_limit_error');
  });

  it('a Gemini error body maps to the OpenAI envelope with the right status', async () => {
    gateway.gemini.enqueue({ fault: { type: 'http-error', status: 400, message: 'Invalid JSON payload received.' } });
    const response = await postJson(gateway, '/v1/chat/completions', ask('gemini-2.5-flash', false));
    expect(response.status).toBe(400);
    expect(response.json().error.message).toContain('Invalid JSON payload');
  });

  it('a connection reset before headers is a 502 envelope', async () => {
    gateway.openai.enqueue({ fault: { type: 'reset-before-headers' } });
    const response = await postJson(gateway, '/v1/chat/completions', ask('gpt-4.1-mini'));
    expect(response.status).toBe(502);
    expect(response.json().error.code).toBe('upstream_connection_error');
  });
});

describe('upstream failures after the first byte', () => {
  it.each([
    ['a reset mid-stream', { type: 'reset-mid-stream', afterChunks: 6 }],
    ['malformed SSE data', { type: 'malformed', afterChunks: 6, thenEnd: true }],
    ['a stream without its terminal event', { type: 'no-terminal', afterChunks: 6 }],
    ['an in-band error event', { type: 'in-band-error', afterChunks: 6, errorType: 'api_error', message: 'Internal' }],
  ] as const)('%s ends the stream with an in-band error and [DONE]', async (_name, fault) => {
    gateway.anthropic.enqueue({ fault: fault as never, chunkCount: 8 });
    const response = await postJson(gateway, '/v1/chat/completions', ask('claude-sonnet-4-5'));
    expect(response.status).toBe(200);
    const events = sseData(response.text);
    expect(streamText(events).length).toBeGreaterThan(0);
    const errors = events.filter((event) => event !== '[DONE]' && event.error);
    expect(errors).toHaveLength(1);
    expect(Object.keys(errors[0].error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(events.at(-1)).toBe('[DONE]');
  });
});

describe('SSE framing from upstreams', () => {
  it('reassembles chunks split mid-line and mid-UTF-8 character with CRLF separators (Gemini)', async () => {
    const frame = (text: string, extra = '') =>
      `data: {"candidates":[{"content":{"parts":[{"text":"${text}"}],"role":"model"},"index":0${extra}}],"modelVersion":"gemini-2.5-flash"}\r\n\r\n`;
    const body = Buffer.from(
      frame('你好，') +
        frame('世界🙂', ',"finishReason":"STOP"').replace(
          '"modelVersion"',
          '"usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":4,"totalTokenCount":7},"modelVersion"',
        ),
    );
    const cut1 = body.indexOf(Buffer.from('好')) + 1;
    const cut2 = body.indexOf(Buffer.from('🙂')) + 2;
    const cut3 = body.indexOf(Buffer.from('\r\n')) + 1;
    const pieces = [0, cut1, cut3, cut2, body.length].sort((a, b) => a - b);
    const chunks = pieces.slice(1).map((end, i) => body.subarray(pieces[i], end));
    gateway.gemini.enqueue({ fault: { type: 'raw', chunks } });
    const response = await postJson(gateway, '/v1/chat/completions', {
      ...ask('gemini-2.5-flash'),
      stream_options: { include_usage: true },
    });
    const events = sseData(response.text);
    expect(streamText(events)).toBe('你好，世界🙂');
    expect(events.find((event) => event.usage)?.usage.total_tokens).toBe(7);
  });

  it('ignores keep-alive comments and tolerates padded Anthropic data lines', async () => {
    const lines = [
      ': keep-alive\n\n',
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"usage":{"input_tokens":5,"output_tokens":1}}}     \n\n',
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
      'event: ping\ndata: {"type": "ping"}\n\n',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Padded"}}          \n\n',
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":2}}\n\n',
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    ];
    gateway.anthropic.enqueue({ fault: { type: 'raw', chunks: lines } });
    const response = await postJson(gateway, '/v1/chat/completions', ask('claude-sonnet-4-5'));
    const events = sseData(response.text);
    expect(streamText(events)).toBe('Padded');
    expect(events.filter((event) => event.error)).toHaveLength(0);
  });
});

describe('client disconnect', () => {
  it('aborts the upstream call when the client goes away', async () => {
    gateway.openai.reset();
    gateway.openai.enqueue({ chunkCount: 50, chunkDelayMs: 100 });
    const controller = new AbortController();
    const response = await fetch(`${gateway.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(ask('gpt-4.1-mini')),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    await reader?.read();
    controller.abort();
    await gateway.openai.waitForAborted(1, 5000);
    expect(gateway.openai.abortedRequests).toBe(1);
  });
});

describe('failover before the first byte', () => {
  it('moves to the next key when the first answers 429, and says how many attempts it took', async () => {
    const { startGateway: start } = await import('./gateway-harness.js');
    const pooled = await start({ OPENAI_API_KEY: 'test-key,test-key' });
    try {
      pooled.openai.enqueue({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 1 } });
      const response = await postJson(pooled, '/v1/chat/completions', ask('gpt-4.1-mini', false));
      expect(response.status).toBe(200);
      expect(response.headers.get('x-aihub-attempts')).toBe('2');
      expect(response.headers.get('x-aihub-model')).toBe('gpt-4.1-mini');
    } finally {
      await pooled.close();
    }
  });

  it('answers 502 when the upstream refuses connections', async () => {
    const { startGateway: start } = await import('./gateway-harness.js');
    const refused = await start({ OPENAI_BASE_URL: await closedUrl('/v1') });
    try {
      const response = await postJson(refused, '/v1/chat/completions', ask('gpt-4.1-mini', false));
      expect(response.status).toBe(502);
      expect(response.json().error.code).toBe('upstream_connection_error');
    } finally {
      await refused.close();
    }
  });
});

import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedUrl, type Emulator, startAnthropicEmulator, startGeminiEmulator, startOpenAIEmulator } from './index.js';
import { anthropicHeaders, geminiHeaders, openaiHeaders, parseSse, post, streamChunks } from './test-helpers.js';

interface Vendor {
  name: string;
  start: () => Promise<Emulator>;
  streamUrl: (e: Emulator) => string;
  jsonUrl: (e: Emulator) => string;
  body: (stream: boolean) => Record<string, unknown>;
  headers: Record<string, string>;
  sep: string;
  terminal: string;
}

const vendors: Vendor[] = [
  {
    name: 'openai',
    start: () => startOpenAIEmulator(),
    streamUrl: (e) => `${e.url}/chat/completions`,
    jsonUrl: (e) => `${e.url}/chat/completions`,
    body: (stream) => ({ model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content: 'fault test' }] }),
    headers: openaiHeaders,
    sep: '\n\n',
    terminal: 'data: [DONE]',
  },
  {
    name: 'anthropic',
    start: () => startAnthropicEmulator(),
    streamUrl: (e) => `${e.url}/v1/messages`,
    jsonUrl: (e) => `${e.url}/v1/messages`,
    body: (stream) => ({
      model: 'claude-haiku-4-5',
      max_tokens: 64,
      stream,
      messages: [{ role: 'user', content: 'fault test' }],
    }),
    headers: anthropicHeaders,
    sep: '\n\n',
    terminal: 'event: message_stop',
  },
  {
    name: 'gemini',
    start: () => startGeminiEmulator(),
    streamUrl: (e) => `${e.url}/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse`,
    jsonUrl: (e) => `${e.url}/v1beta/models/gemini-2.0-flash:generateContent`,
    body: () => ({ contents: [{ role: 'user', parts: [{ text: 'fault test' }] }] }),
    headers: geminiHeaders,
    sep: '\r\n\r\n',
    terminal: '"finishReason"',
  },
];

const SOCKET_ERRORS = ['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'];

function frames(text: string, sep: string): string[] {
  return text.split(sep).filter((f) => f.length > 0);
}

describe.each(vendors)('$name faults', (v) => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await v.start();
  });
  afterAll(() => emu.close());
  const stream = (opts: { signal?: AbortSignal; dispatcher?: Agent } = {}) =>
    streamChunks(v.streamUrl(emu), v.body(true), v.headers, opts);

  it('consumes queued steps in order, then the default script', async () => {
    emu.reset();
    emu.enqueue({ fault: { type: 'http-error', status: 500 } }, { fault: { type: 'http-error', status: 503 } });
    emu.setScript((req) => ({ text: `scripted for ${req.path}` }));
    expect(emu.pendingSteps()).toBe(2);
    const a = await post(v.jsonUrl(emu), v.body(false), v.headers);
    const b = await post(v.jsonUrl(emu), v.body(false), v.headers);
    const c = await post(v.jsonUrl(emu), v.body(false), v.headers);
    expect([a.status, b.status, c.status]).toEqual([500, 503, 200]);
    expect(c.text).toContain('scripted for /v1');
    emu.setScript(undefined);
    expect(emu.requests).toHaveLength(3);
  });

  it('resets the socket before headers', async () => {
    emu.reset();
    emu.enqueue({ fault: { type: 'reset-before-headers' } });
    const err = await post(v.jsonUrl(emu), v.body(false), v.headers).catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(SOCKET_ERRORS).toContain(err.code ?? err.cause?.code);
    expect(emu.abortedRequests).toBe(0);
  });

  it('hangs before headers until the client times out, and sees the abort', async () => {
    emu.reset();
    emu.enqueue({ fault: { type: 'hang-before-headers' } });
    const agent = new Agent({ headersTimeout: 150 });
    const start = Date.now();
    const err = await post(v.jsonUrl(emu), v.body(false), v.headers, { dispatcher: agent }).catch((e) => e);
    expect(err.code).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
    await emu.waitForAborted(1);
    await agent.close();
  });

  it('delays headers for N ms, then answers', async () => {
    emu.enqueue({ fault: { type: 'hang-before-headers', ms: 120 } });
    const start = Date.now();
    const res = await post(v.jsonUrl(emu), v.body(false), v.headers);
    expect(res.status).toBe(200);
    expect(Date.now() - start).toBeGreaterThanOrEqual(110);
  });

  it('pauses mid-stream (idle gap) after K chunks, then continues', async () => {
    emu.enqueue({ fault: { type: 'hang-mid-stream', afterChunks: 2, ms: 150 } });
    const res = await stream();
    expect(res.error).toBeUndefined();
    const gapAt = res.chunks.findIndex((c, i) => i > 0 && c.at - res.chunks[i - 1].at >= 120);
    expect(gapAt).toBeGreaterThan(0);
    const before = res.chunks
      .slice(0, gapAt)
      .map((c) => c.text)
      .join('');
    expect(frames(before, v.sep)).toHaveLength(2);
    expect(res.chunks.map((c) => c.text).join('')).toContain(v.terminal);
  });

  it('hangs forever mid-stream: the client idle timeout fires and the emulator sees the abort', async () => {
    emu.reset();
    emu.enqueue({ fault: { type: 'hang-mid-stream', afterChunks: 1 } });
    const agent = new Agent({ bodyTimeout: 150 });
    const res = await stream({ dispatcher: agent });
    expect(res.error?.code).toBe('UND_ERR_BODY_TIMEOUT');
    expect(frames(res.chunks.map((c) => c.text).join(''), v.sep)).toHaveLength(1);
    await emu.waitForAborted(1);
    await agent.close();
  });

  it('resets the connection mid-stream after K chunks: the client gets K chunks then a socket error', async () => {
    emu.reset();
    emu.enqueue({ fault: { type: 'reset-mid-stream', afterChunks: 3 } });
    const res = await stream();
    expect(res.status).toBe(200);
    expect(res.error).toBeDefined();
    expect(SOCKET_ERRORS).toContain(res.error?.code ?? (res.error?.cause as { code?: string })?.code);
    expect(frames(res.chunks.map((c) => c.text).join(''), v.sep)).toHaveLength(3);
    expect(emu.abortedRequests).toBe(0);
  });

  it('cuts a JSON body in the middle with a reset', async () => {
    emu.enqueue({ fault: { type: 'reset-mid-stream', afterChunks: 1, how: 'close' } });
    const err = await post(v.jsonUrl(emu), v.body(false), v.headers).catch((e) => e);
    expect(err).toBeInstanceOf(Error);
  });

  it('writes a malformed data line after K chunks, then continues', async () => {
    emu.enqueue({ fault: { type: 'malformed', afterChunks: 1 } });
    const res = await post(v.streamUrl(emu), v.body(true), v.headers);
    const events = parseSse(res.text);
    expect(() => JSON.parse(events[0].data)).not.toThrow();
    expect(() => JSON.parse(events[1].data)).toThrow();
    expect(res.text).toContain(v.terminal);
  });

  it('ends the stream without its terminal event', async () => {
    emu.enqueue({ fault: { type: 'no-terminal' } }, { fault: { type: 'no-terminal', afterChunks: 2 } });
    const full = await post(v.streamUrl(emu), v.body(true), v.headers);
    expect(full.status).toBe(200);
    expect(full.text).not.toContain(v.terminal);
    expect(full.text.endsWith(v.sep)).toBe(true);
    const cut = await post(v.streamUrl(emu), v.body(true), v.headers);
    expect(frames(cut.text, v.sep)).toHaveLength(2);
  });

  it('sends an in-band error after HTTP 200', async () => {
    emu.enqueue({ fault: { type: 'in-band-error', afterChunks: 1 } });
    const res = await post(v.streamUrl(emu), v.body(true), v.headers);
    expect(res.status).toBe(200);
    const events = parseSse(res.text);
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[1].data)).toHaveProperty('error');
  });

  it('counts a client abort mid-stream, not a completed stream', async () => {
    emu.reset();
    await post(v.streamUrl(emu), v.body(true), v.headers);
    expect(emu.abortedRequests).toBe(0);
    emu.enqueue({ chunkDelayMs: 100 });
    const controller = new AbortController();
    const res = await request(v.streamUrl(emu), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...v.headers },
      body: JSON.stringify(v.body(true)),
      signal: controller.signal,
    });
    const it = res.body[Symbol.asyncIterator]();
    await it.next();
    controller.abort();
    await expect(it.next()).rejects.toThrow();
    await emu.waitForAborted(1);
    expect(emu.abortedRequests).toBe(1);
  });

  it('paces frames with chunkDelayMs and headersDelayMs', async () => {
    emu.enqueue({ chunkDelayMs: 40, headersDelayMs: 60 });
    const start = Date.now();
    const res = await stream();
    const n = frames(res.chunks.map((c) => c.text).join(''), v.sep).length;
    expect(n).toBeGreaterThan(3);
    expect(res.chunks[0].at).toBeGreaterThanOrEqual(55);
    expect(Date.now() - start).toBeGreaterThanOrEqual(60 + 40 * (n - 1) - 10);
  });
});

describe('raw escape hatch and connection faults', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startOpenAIEmulator();
  });
  afterAll(() => emu.close());

  it('writes raw chunks as-is, split inside a UTF-8 character, with delays', async () => {
    const frame = Buffer.from('data: {"choices":[{"index":0,"delta":{"content":"héllo 你好"}}]}\n\n');
    const cut = frame.indexOf(Buffer.from('你')) + 1; // inside a 3-byte character
    emu.enqueue({
      fault: {
        type: 'raw',
        headers: { 'content-type': 'text/event-stream' },
        chunks: [
          'data: {"choices":[]',
          '}\n',
          '\n',
          frame.subarray(0, cut),
          { delayMs: 60 },
          frame.subarray(cut),
          'data: [DONE]\n\n',
        ],
      },
    });
    const res = await streamChunks(`${emu.url}/chat/completions`, { model: 'x', messages: [] }, openaiHeaders);
    const bytes = res.chunks.map((c) => c.text).join('');
    expect(bytes).toBe(`data: {"choices":[]}\n\n${frame.toString()}data: [DONE]\n\n`);
    expect(res.chunks.length).toBeGreaterThanOrEqual(2);
    expect(parseSse(bytes).map((e) => e.data)).toEqual(['{"choices":[]}', frame.toString().slice(6, -2), '[DONE]']);
  });

  it('raw can end with a reset and carry any status', async () => {
    emu.enqueue({
      fault: {
        type: 'raw',
        status: 502,
        headers: { 'content-type': 'text/html' },
        chunks: ['<html>bad gateway'],
        end: 'reset',
      },
    });
    const res = await streamChunks(`${emu.url}/chat/completions`, { model: 'x', messages: [] }, openaiHeaders);
    expect(res.status).toBe(502);
    expect(res.error).toBeDefined();
  });

  it('reports connection refused on a closed port and after close()', async () => {
    const refused = await post(`${await closedUrl('/v1')}/chat/completions`, {}, openaiHeaders).catch((e) => e);
    expect(refused.code ?? refused.cause?.code).toBe('ECONNREFUSED');
    const other = await startOpenAIEmulator();
    const url = `${other.url}/chat/completions`;
    await other.close();
    const err = await post(url, {}, openaiHeaders, { dispatcher: new Agent() }).catch((e) => e);
    expect(err.code ?? err.cause?.code).toBe('ECONNREFUSED');
  });

  it('close() ends hanging responses', async () => {
    const other = await startOpenAIEmulator();
    other.enqueue({ fault: { type: 'hang-before-headers' } });
    const pending = post(`${other.url}/chat/completions`, { model: 'x', messages: [] }, openaiHeaders).catch((e) => e);
    await new Promise((r) => setTimeout(r, 50));
    expect(other.activeRequests).toBe(1);
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(other.abortedRequests).toBe(0);
  });

  it('OpenRouter-style in-band error chunk with a custom body', async () => {
    const body = { error: { message: 'Upstream error', code: 502 } };
    emu.enqueue({ fault: { type: 'in-band-error', afterChunks: 2, body } });
    const res = await post(`${emu.url}/chat/completions`, { model: 'x', stream: true, messages: [] }, openaiHeaders);
    const events = parseSse(res.text);
    expect(JSON.parse(events[2].data)).toEqual(body);
    expect(events).toHaveLength(3);
  });
});

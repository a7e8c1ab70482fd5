import { describe, expect, it } from 'vitest';
import { startAnthropicEmulator, startGeminiEmulator, startOpenAIEmulator } from './index.js';
import { anthropicHeaders, geminiHeaders, openaiHeaders, parseSse, post } from './test-helpers.js';

describe('fixedResponse fast mode', () => {
  it('answers OpenAI JSON and SSE from pre-serialised bodies without recording', async () => {
    const emu = await startOpenAIEmulator({ fixedResponse: true });
    try {
      const url = `${emu.url}/chat/completions`;
      const a = await post(url, { model: 'whatever', messages: [{ role: 'user', content: 'ignored' }] }, openaiHeaders);
      const b = await post(url, { model: 'other', messages: [] }, openaiHeaders);
      expect(a.text).toBe(b.text);
      expect(a.headers['content-length']).toBe(String(Buffer.byteLength(a.text)));
      expect(JSON.parse(a.text).choices[0].message.content).toBe('Hello from OpenAI emulator: benchmark');
      const s = await post(url, { model: 'x', stream: true, messages: [] }, openaiHeaders);
      const events = parseSse(s.text);
      expect(events.at(-1)?.data).toBe('[DONE]');
      expect(JSON.parse(events.at(-2)?.data ?? '{}').usage.total_tokens).toBeGreaterThan(0);
      // spaces around the colon still mean a stream
      const spaced = await post(url, '{"model":"x","stream" : true,"messages":[]}', openaiHeaders);
      expect(spaced.text).toBe(s.text);
      expect(emu.requests).toHaveLength(0);
      expect(emu.requestCount).toBe(4);
      // auth is still checked (falls back to the normal path, which answers 401)
      expect((await post(url, { model: 'x', messages: [] }, { authorization: 'Bearer nope' })).status).toBe(401);
      // a queued step takes precedence over the fixed body
      emu.enqueue({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 1 } });
      expect((await post(url, { model: 'x', messages: [] }, openaiHeaders)).status).toBe(429);
      expect((await post(url, { model: 'x', messages: [] }, openaiHeaders)).text).toBe(a.text);
    } finally {
      await emu.close();
    }
  });

  it('uses custom bodies, and paces custom frames with chunkDelayMs', async () => {
    const frames = ['data: {"a":1}\n\n', 'data: {"a":2}\n\n', 'data: [DONE]\n\n'];
    const emu = await startOpenAIEmulator({
      fixedResponse: { json: { ok: true }, sse: frames },
      chunkDelayMs: 30,
      headersDelayMs: 40,
    });
    try {
      const url = `${emu.url}/chat/completions`;
      let start = Date.now();
      expect((await post(url, { model: 'x', messages: [] }, openaiHeaders)).text).toBe('{"ok":true}');
      expect(Date.now() - start).toBeGreaterThanOrEqual(35);
      start = Date.now();
      expect((await post(url, { model: 'x', stream: true, messages: [] }, openaiHeaders)).text).toBe(frames.join(''));
      expect(Date.now() - start).toBeGreaterThanOrEqual(90);
    } finally {
      await emu.close();
    }
  });

  it('works for Anthropic and Gemini', async () => {
    const a = await startAnthropicEmulator({ fixedResponse: true });
    const g = await startGeminiEmulator({ fixedResponse: true });
    try {
      const msg = await post(
        `${a.url}/v1/messages`,
        { model: 'x', max_tokens: 5, stream: true, messages: [] },
        anthropicHeaders,
      );
      expect(parseSse(msg.text).at(-1)?.event).toBe('message_stop');
      const json = await post(`${a.url}/v1/messages`, { model: 'x', max_tokens: 5, messages: [] }, anthropicHeaders);
      expect(JSON.parse(json.text).content[0].text).toBe('Hello from Anthropic emulator: benchmark');
      const sse = await post(
        `${g.url}/v1beta/models/any:streamGenerateContent?alt=sse`,
        { contents: [] },
        geminiHeaders,
      );
      expect(sse.text.endsWith('\r\n\r\n')).toBe(true);
      const viaKey = await post(`${g.url}/v1beta/models/any:generateContent?key=test-key`, { contents: [] });
      expect(JSON.parse(viaKey.text).candidates[0].finishReason).toBe('STOP');
      expect(a.requests.length + g.requests.length).toBe(0);
    } finally {
      await Promise.all([a.close(), g.close()]);
    }
  });
});

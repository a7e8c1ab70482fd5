import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, signatureFor, startGeminiEmulator } from './index.js';
import { geminiHeaders, get, parseSse, post } from './test-helpers.js';
import type { Json } from './types.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startGeminiEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const user = (text: string) => ({ contents: [{ role: 'user', parts: [{ text }] }] });
const generate = (model: string, body: unknown, headers: Record<string, string> = geminiHeaders) =>
  post(`${emu.url}/v1beta/models/${model}:generateContent`, body, headers);
const streamSse = (model: string, body: unknown, headers: Record<string, string> = geminiHeaders) =>
  post(`${emu.url}/v1beta/models/${model}:streamGenerateContent?alt=sse`, body, headers);
const weatherTools = [
  {
    functionDeclarations: [
      { name: 'get_weather', parameters: { type: 'OBJECT', properties: { location: { type: 'STRING' } } } },
    ],
  },
];

function sseChunks(text: string): Json[] {
  return parseSse(text).map((e) => JSON.parse(e.data));
}

describe('Gemini emulator', () => {
  it('answers generateContent with pretty JSON, key in header or ?key=', async () => {
    const res = await generate('gemini-2.0-flash', user('Hi'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(res.text.startsWith('{\n  "candidates": [')).toBe(true);
    const body = JSON.parse(res.text);
    expect(body.candidates).toEqual([
      {
        content: { parts: [{ text: 'Hello from Gemini emulator: Hi' }], role: 'model' },
        finishReason: 'STOP',
        index: 0,
      },
    ]);
    expect(body.usageMetadata).toEqual({
      promptTokenCount: 1,
      candidatesTokenCount: Math.ceil('Hello from Gemini emulator: Hi'.length / 4),
      totalTokenCount: 1 + Math.ceil('Hello from Gemini emulator: Hi'.length / 4),
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 1 }],
    });
    expect(body.modelVersion).toBe('gemini-2.0-flash');
    expect(body.responseId).toMatch(/^[A-Za-z0-9]{23}$/);
    const viaQuery = await post(`${emu.url}/v1beta/models/gemini-2.0-flash:generateContent?key=test-key`, user('Hi'));
    expect(viaQuery.status).toBe(200);
    expect(emu.requests[1].query.key).toBe('test-key');
  });

  it('streams SSE with \\r\\n\\r\\n separators, Google JSON spacing and usageMetadata in every chunk', async () => {
    const res = await streamSse('gemini-2.0-flash', user('Stream it'));
    expect(res.headers['content-type']).toBe('text/event-stream');
    expect(res.text.startsWith('data: {"candidates": [{"content": {"parts": [{"text": ')).toBe(true);
    const frames = res.text.split('\r\n\r\n');
    expect(frames.at(-1)).toBe('');
    expect(frames.slice(0, -1).every((f) => f.startsWith('data: ') && !f.includes('\n'))).toBe(true);
    const chunks = sseChunks(res.text);
    expect(chunks).toHaveLength(4);
    expect(chunks.map((c) => c.candidates[0].content.parts[0].text).join('')).toBe(
      'Hello from Gemini emulator: Stream it',
    );
    for (const c of chunks) expect(c.usageMetadata.promptTokenCount).toBe(3);
    expect(chunks.slice(0, -1).every((c) => c.candidates[0].finishReason === undefined)).toBe(true);
    expect(chunks.at(-1).candidates[0].finishReason).toBe('STOP');
    const counts = chunks.map((c) => c.usageMetadata.candidatesTokenCount);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)).toBe(Math.ceil('Hello from Gemini emulator: Stream it'.length / 4));
  });

  it('streams thought parts and puts the thoughtSignature on the first answer part (Gemini 2.5)', async () => {
    const res = await streamSse('gemini-2.5-pro', {
      ...user('Think'),
      generationConfig: { thinkingConfig: { includeThoughts: true } },
    });
    const parts = sseChunks(res.text).map((c) => c.candidates[0].content.parts[0]);
    const thoughts = parts.filter((p) => p.thought === true);
    expect(thoughts.length).toBeGreaterThan(1);
    const thinking = thoughts.map((p) => p.text).join('');
    const answer = parts.filter((p) => !p.thought);
    expect(answer[0].thoughtSignature).toBe(signatureFor(thinking));
    expect(answer.slice(1).every((p) => p.thoughtSignature === undefined)).toBe(true);
    const last = sseChunks(res.text).at(-1);
    expect(last.usageMetadata.thoughtsTokenCount).toBe(Math.ceil(thinking.length / 4));
    expect(last.usageMetadata.totalTokenCount).toBe(
      last.usageMetadata.promptTokenCount +
        last.usageMetadata.candidatesTokenCount +
        last.usageMetadata.thoughtsTokenCount,
    );
  });

  it('counts hidden thoughts for thinking models without includeThoughts, none with thinkingBudget 0', async () => {
    const hidden = JSON.parse((await generate('gemini-2.5-flash', user('x'))).text);
    expect(hidden.usageMetadata.thoughtsTokenCount).toBeGreaterThan(0);
    expect(hidden.candidates[0].content.parts).toEqual([{ text: 'Hello from Gemini emulator: x' }]);
    const off = JSON.parse(
      (
        await generate('gemini-2.5-flash', {
          ...user('x'),
          generationConfig: { thinkingConfig: { thinkingBudget: 0 } },
        })
      ).text,
    );
    expect(off.usageMetadata.thoughtsTokenCount).toBeUndefined();
  });

  it('answers "weather" with functionCall parts (two when parallel) and a Gemini 3 thoughtSignature', async () => {
    const res = await streamSse('gemini-3-pro-preview', { ...user('weather in parallel'), tools: weatherTools });
    const chunks = sseChunks(res.text);
    const parts = chunks.flatMap((c) => c.candidates[0].content.parts);
    const calls = parts.filter((p) => p.functionCall);
    expect(calls.map((p) => p.functionCall)).toEqual([
      { name: 'get_weather', args: { location: 'Paris' } },
      { name: 'get_weather', args: { location: 'London' } },
    ]);
    expect(calls[0].thoughtSignature).toEqual(expect.any(String));
    expect(calls[1].thoughtSignature).toBeUndefined();
    expect(chunks.at(-1).candidates[0]).toMatchObject({ content: { parts: [{ text: '' }] }, finishReason: 'STOP' });
    const v2 = JSON.parse((await generate('gemini-2.0-flash', { ...user('weather?'), tools: weatherTools })).text);
    expect(v2.candidates[0].content.parts).toEqual([
      { functionCall: { name: 'get_weather', args: { location: 'Paris' } } },
    ]);
  });

  it('ends a Gemini 3 text stream with an empty signed part', async () => {
    const chunks = sseChunks((await streamSse('gemini-3-flash-preview', user('hi'))).text);
    const last = chunks.at(-1).candidates[0];
    expect(last.content.parts[0].text).toBe('');
    expect(last.content.parts[0].thoughtSignature).toEqual(expect.any(String));
    expect(last.finishReason).toBe('STOP');
  });

  it('answers the functionResponse turn with text and supports JSON mode', async () => {
    const body = {
      contents: [
        { role: 'user', parts: [{ text: 'weather?' }] },
        { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: {} } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { temp: 20 } } }] },
      ],
      tools: weatherTools,
    };
    const res = JSON.parse((await generate('gemini-2.0-flash', body)).text);
    expect(res.candidates[0].content.parts[0].text).toBe('Hello from Gemini emulator: tool result {"temp":20}');
    const schema = { type: 'OBJECT', properties: { city: { type: 'STRING' } } };
    const json = JSON.parse(
      (
        await generate('gemini-2.0-flash', {
          ...user('j'),
          generationConfig: { responseMimeType: 'application/json', responseSchema: schema },
        })
      ).text,
    );
    expect(JSON.parse(json.candidates[0].content.parts[0].text)).toEqual({ city: 'Paris' });
    const cut = JSON.parse(
      (await generate('gemini-2.0-flash', { ...user('j'), generationConfig: { maxOutputTokens: 1 } })).text,
    );
    expect(cut.candidates[0].finishReason).toBe('MAX_TOKENS');
  });

  it('streams a JSON array without alt=sse', async () => {
    const res = await post(
      `${emu.url}/v1beta/models/gemini-2.0-flash:streamGenerateContent`,
      user('arr'),
      geminiHeaders,
    );
    expect(res.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(res.text.startsWith('[{\n  "candidates"')).toBe(true);
    expect(res.text).toContain('\n,\r\n{');
    expect(res.text.endsWith('\n]')).toBe(true);
    const arr = JSON.parse(res.text);
    expect(arr.map((c: Json) => c.candidates[0].content.parts[0].text).join('')).toBe(
      'Hello from Gemini emulator: arr',
    );
  });

  it('rejects missing (403) and invalid (400 API_KEY_INVALID) keys like Google', async () => {
    const missing = await generate('gemini-2.0-flash', user('x'), {});
    expect(missing.status).toBe(403);
    expect(JSON.parse(missing.text).error).toMatchObject({ code: 403, status: 'PERMISSION_DENIED' });
    const invalid = await generate('gemini-2.0-flash', user('x'), { 'x-goog-api-key': 'nope' });
    expect(invalid.status).toBe(400);
    const err = JSON.parse(invalid.text).error;
    expect(err).toMatchObject({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: 'API key not valid. Please pass a valid API key.',
    });
    expect(err.details[0]).toMatchObject({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
    });
    const sseErr = await streamSse('gemini-2.0-flash', user('x'), {});
    expect(sseErr.headers['content-type']).toBe('text/event-stream'); // as the real API labels stream-route errors
  });

  it('validates contents and known models', async () => {
    const empty = await generate('gemini-2.0-flash', { contents: [] });
    expect(empty.status).toBe(400);
    const strict = await startGeminiEmulator({ models: ['gemini-2.5-flash'] });
    try {
      const res = await post(`${strict.url}/v1beta/models/custom-model:generateContent`, user('x'), geminiHeaders);
      expect(res.status).toBe(404);
      expect(JSON.parse(res.text).error).toMatchObject({
        code: 404,
        status: 'NOT_FOUND',
        message: expect.stringContaining('models/custom-model is not found'),
      });
      const list = JSON.parse((await get(`${strict.url}/v1beta/models`, geminiHeaders)).text);
      expect(list.models.map((m: Json) => m.name)).toEqual(['models/gemini-2.5-flash']);
    } finally {
      await strict.close();
    }
  });

  it('injects 429 RESOURCE_EXHAUSTED with RetryInfo, and 503 UNAVAILABLE', async () => {
    emu.enqueue(
      { fault: { type: 'http-error', status: 429, retryAfterSeconds: 34 } },
      { fault: { type: 'http-error', status: 503 } },
    );
    const a = await generate('gemini-2.0-flash', user('x'));
    expect(a.status).toBe(429);
    const err = JSON.parse(a.text).error;
    expect(err).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(err.details).toContainEqual({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34s' });
    const b = await generate('gemini-2.0-flash', user('x'));
    expect(JSON.parse(b.text).error).toMatchObject({ code: 503, status: 'UNAVAILABLE' });
  });

  it('sends an in-band error chunk after HTTP 200', async () => {
    emu.enqueue({ fault: { type: 'in-band-error', afterChunks: 2 } });
    const res = await streamSse('gemini-2.0-flash', user('x'));
    expect(res.status).toBe(200);
    const chunks = sseChunks(res.text);
    expect(chunks).toHaveLength(3);
    expect(chunks[2]).toEqual({ error: { code: 500, message: expect.any(String), status: 'INTERNAL' } });
  });

  it('counts tokens', async () => {
    const res = await post(`${emu.url}/v1beta/models/gemini-2.0-flash:countTokens`, user('12345678'), geminiHeaders);
    expect(JSON.parse(res.text).totalTokens).toBe(2);
  });

  it('ends the text before the first stop sequence with finishReason STOP', async () => {
    const res = await generate('gemini-2.0-flash', {
      ...user('Hi'),
      generationConfig: { stopSequences: ['emulator'] },
    });
    const candidate = JSON.parse(res.text).candidates[0];
    expect(candidate.content.parts[0].text).toBe('Hello from Gemini ');
    expect(candidate.finishReason).toBe('STOP');
  });
});

import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

let gateway: Gateway;
let anthropic: Anthropic;
let openai: OpenAI;
let google: GoogleGenAI;

beforeAll(async () => {
  gateway = await startGateway();
  anthropic = new Anthropic({ apiKey: ADMIN_KEY, baseURL: gateway.origin, maxRetries: 0 });
  openai = new OpenAI({ apiKey: ADMIN_KEY, baseURL: gateway.baseURL, maxRetries: 0 });
  google = new GoogleGenAI({ apiKey: ADMIN_KEY, httpOptions: { baseUrl: gateway.origin } });
});
afterAll(async () => gateway?.close());

const MODELS = ['claude-sonnet-4-5', 'gpt-4.1-mini', 'gemini-2.5-flash-lite', 'deepseek-chat'];

describe('every upstream family answers each surface (smoke)', () => {
  it.each(MODELS)('Anthropic Messages → %s, JSON and stream', async (model) => {
    const message = await anthropic.messages.create({
      model,
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    expect(message.type).toBe('message');
    expect(message.content[0]?.type).toBe('text');
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    const stream = anthropic.messages.stream({
      model,
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    const final = await stream.finalMessage();
    expect(final.content[0]?.type).toBe('text');
    expect(final.stop_reason).toBeTruthy();
  });

  it.each(MODELS)('OpenAI Responses → %s, JSON and stream', async (model) => {
    const response = await openai.responses.create({ model, input: 'Say hello', max_output_tokens: 64 });
    expect(response.status).toBe('completed');
    expect(response.output_text.length).toBeGreaterThan(0);
    const stream = openai.responses.stream({ model, input: 'Say hello', max_output_tokens: 64 });
    const final = await stream.finalResponse();
    const message = final.output.find((item) => item.type === 'message');
    expect(message?.type === 'message' && message.content[0]?.type === 'output_text').toBe(true);
  });

  it.each(MODELS)('Gemini generateContent → %s, JSON and both stream framings', async (model) => {
    const response = await google.models.generateContent({ model, contents: 'Say hello' });
    expect(response.text?.length).toBeGreaterThan(0);
    expect(response.usageMetadata?.candidatesTokenCount).toBeGreaterThan(0);
    let streamed = '';
    for await (const chunk of await google.models.generateContentStream({ model, contents: 'Say hello' })) {
      streamed += chunk.text ?? '';
    }
    expect(streamed.length).toBeGreaterThan(0);
    const array = await fetch(`${gateway.origin}/v1beta/models/${model}:streamGenerateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': ADMIN_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Say hello' }] }] }),
    });
    const chunks = (await array.json()) as Array<{ candidates?: unknown[] }>;
    expect(Array.isArray(chunks) && chunks.length > 0 && chunks.some((chunk) => chunk.candidates)).toBe(true);
    const count = await google.models.countTokens({ model, contents: 'Say hello' });
    expect(count.totalTokens).toBeGreaterThan(0);
  });

  it('answers bad keys and bad input in each envelope', async () => {
    const bad = new Anthropic({ apiKey: 'sk-wrong', baseURL: gateway.origin, maxRetries: 0 });
    await expect(
      bad.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({ status: 401, error: { type: 'error', error: { type: 'authentication_error' } } });
    const response = await fetch(`${gateway.origin}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' },
      body: '{"model": "claude-sonnet-4-5"',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    const gemini = await fetch(`${gateway.origin}/v1beta/models/gemini-2.5-flash:generateContent?key=sk-wrong`, {
      method: 'POST',
      body: '{}',
    });
    expect(gemini.status).toBe(401);
    expect(await gemini.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });
});

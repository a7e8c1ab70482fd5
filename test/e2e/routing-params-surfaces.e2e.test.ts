/**
 * OpenRouter's routing fields on the other APIs (issue 18): `models` and `provider` in an
 * Anthropic Messages, OpenAI Responses or Gemini generateContent body steer AIHub's routing as in Chat Completions, and
 * never reach the vendor when the body is passed through (Anthropic refuses unknown fields).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from './gateway-harness.js';
import { createKey, register } from './platform-client.js';

describe('routing fields on Anthropic Messages, Responses and Gemini', () => {
  let gateway: Gateway;
  let key: string;

  beforeAll(async () => {
    gateway = await startGateway();
    key = (await createKey(gateway, await register(gateway, 'routing-surfaces@example.com'))).key;
  });
  afterAll(() => gateway?.close());
  beforeEach(() => {
    gateway.openai.reset();
    gateway.anthropic.reset();
  });

  it('falls back from Anthropic to OpenAI for a Messages client, and keeps `models` from Anthropic', async () => {
    const anthropic = new Anthropic({ apiKey: key, baseURL: gateway.origin, maxRetries: 0 });
    // First: a passed-through call that succeeds carries no routing field upstream.
    await anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 30,
      messages: [{ role: 'user', content: 'x' }],
      // @ts-expect-error AIHub's (OpenRouter's) routing fields are not in Anthropic's types
      models: ['gpt-4.1-mini'],
      provider: { sort: 'price' },
    });
    const sent = gateway.anthropic.requests.at(-1)?.body as Record<string, unknown>;
    expect(sent.models).toBeUndefined();
    expect(sent.provider).toBeUndefined();
    expect(sent.model).toBe('claude-sonnet-4-5');

    for (let i = 0; i < 5; i++) gateway.anthropic.enqueue({ fault: { type: 'http-error', status: 529 } });
    const message = await anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 30,
      messages: [{ role: 'user', content: 'x' }],
      // @ts-expect-error as above
      models: ['gpt-4.1-mini'],
    });
    expect(message.content[0]?.type === 'text' && message.content[0].text).toContain('OpenAI');
  });

  it('refuses a malformed routing field in Anthropic’s envelope', async () => {
    const reply = await fetch(`${gateway.origin}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'claude-sonnet-4-5',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'x' }],
        provider: { sort: 'cheapest' },
      }),
    });
    expect(reply.status).toBe(400);
    const body = (await reply.json()) as { type: string; error: { type: string; message: string } };
    expect(body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(body.error.message).toMatch(/provider/);
    expect(gateway.anthropic.requestCount).toBe(0);
  });

  it('steers a Responses client and keeps the fields from OpenAI', async () => {
    const client = new OpenAI({ apiKey: key, baseURL: gateway.baseURL, maxRetries: 0 });
    const response = await client.responses.create({
      model: 'gpt-4.1-mini',
      input: 'x',
      // @ts-expect-error AIHub's (OpenRouter's) routing fields are not in OpenAI's types
      provider: { only: ['anthropic'] },
      models: ['claude-sonnet-4-5'],
    });
    // `only: anthropic` leaves no route of gpt-4.1-mini: the fallback model serves.
    expect(response.output_text).toContain('Anthropic');
    expect(gateway.openai.requestCount).toBe(0);

    await client.responses.create({
      model: 'gpt-4.1-mini',
      input: 'x',
      // @ts-expect-error as above
      provider: { order: ['openai'] },
    });
    const sent = gateway.openai.requests.at(-1)?.body as Record<string, unknown>;
    expect(sent.provider).toBeUndefined();
    expect(sent.models).toBeUndefined();
  });

  it('steers a Gemini client: fallbacks from Gemini to OpenAI, never sent to Gemini, and a 400 in Gemini’s envelope', async () => {
    const call = (body: Record<string, unknown>) =>
      fetch(`${gateway.origin}/v1beta/models/gemini-2.5-flash-lite:generateContent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': key },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'x' }] }], ...body }),
      });
    gateway.gemini.reset();
    const passed = await call({ models: ['gpt-4.1-mini'], provider: { sort: 'price' } });
    expect(passed.status).toBe(200);
    const sent = gateway.gemini.requests.at(-1)?.body as Record<string, unknown>;
    expect(sent.models).toBeUndefined();
    expect(sent.provider).toBeUndefined();

    for (let i = 0; i < 5; i++) gateway.gemini.enqueue({ fault: { type: 'http-error', status: 503 } });
    const fellBack = await call({ models: ['gpt-4.1-mini'] });
    expect(fellBack.status).toBe(200);
    const answer = (await fellBack.json()) as { candidates: Array<{ content: { parts: Array<{ text: string }> } }> };
    expect(answer.candidates[0]?.content.parts[0]?.text).toContain('OpenAI');

    const refused = await call({ provider: { sort: 'fastest-ever' } });
    expect(refused.status).toBe(400);
    const error = (await refused.json()) as { error: { code: number; status: string; message: string } };
    expect(error.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(error.error.message).toMatch(/provider\.sort/);
  });
});

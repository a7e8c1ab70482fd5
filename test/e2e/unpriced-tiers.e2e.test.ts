import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

/**
 * A premium tier the price book cannot price (OpenAI priority processing, Anthropic fast mode) is
 * refused on every surface, translated or passed through, before anything reaches a vendor: a
 * caller must not make the operator pay the premium at the standard price.
 */
let gateway: Gateway;
let anthropic: Anthropic;
let openai: OpenAI;

beforeAll(async () => {
  gateway = await startGateway();
  anthropic = new Anthropic({ apiKey: ADMIN_KEY, baseURL: gateway.origin, maxRetries: 0 });
  openai = new OpenAI({ apiKey: ADMIN_KEY, baseURL: gateway.baseURL, maxRetries: 0 });
});
afterAll(async () => gateway?.close());

const upstreamCalls = () =>
  gateway.openai.requests.length + gateway.anthropic.requests.length + gateway.deepseek.requests.length;
let callsBefore = 0;
beforeEach(() => {
  callsBefore = upstreamCalls();
});

describe('premium tiers AIHub cannot price are refused before any upstream call', () => {
  it.each(['gpt-4.1-mini', 'deepseek-chat'])(
    'Chat Completions service_tier "priority" → %s: 400 naming it',
    async (model) => {
      const refused = await openai.chat.completions
        .create({ model, messages: [{ role: 'user', content: 'hi' }], service_tier: 'priority' })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
      expect((refused as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({
        type: 'invalid_request_error',
        param: 'service_tier',
        code: 'unpriced_service_tier',
      });
      expect(upstreamCalls()).toBe(callsBefore);
    },
  );

  it('Responses service_tier "priority" on an OpenAI channel (pass-through), stream and not: 400', async () => {
    for (const stream of [false, true]) {
      const refused = await openai.responses
        .create({ model: 'gpt-4.1-mini', input: 'hi', service_tier: 'priority', stream })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
      expect((refused as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({ param: 'service_tier' });
    }
    expect(upstreamCalls()).toBe(callsBefore);
  });

  it.each(['claude-sonnet-4-5', 'gpt-4.1-mini'])(
    'Anthropic Messages speed "fast" → %s: 400 in Anthropic’s envelope',
    async (model) => {
      const refused = await anthropic.messages
        .create({ model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }], speed: 'fast' } as never)
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(Anthropic.BadRequestError);
      const body = (refused as InstanceType<typeof Anthropic.BadRequestError>).error as {
        type: string;
        error: { type: string; message: string };
      };
      expect(body.type).toBe('error');
      expect(body.error.type).toBe('invalid_request_error');
      expect(body.error.message).toContain('speed');
      expect(upstreamCalls()).toBe(callsBefore);
    },
  );

  it('standard and cheaper tiers still pass: flex on Chat Completions, standard speed on Claude', async () => {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'hi' }],
      service_tier: 'flex',
    });
    expect(completion.choices[0]?.message.content?.length).toBeGreaterThan(0);
    const message = await anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'hi' }],
      speed: 'standard',
    } as never);
    expect(message.type).toBe('message');
    expect(upstreamCalls()).toBe(callsBefore + 2);
  });
});

/**
 * The official `@anthropic-ai/sdk` against the real server, for every upstream family behind the
 * Messages surface (Claude passed through; GPT, Gemini and DeepSeek translated), JSON and stream:
 * text, images, usage in Anthropic's fields (cache writes by lifetime and reads), max-token stops,
 * count_tokens, the model list, the request log's surface and the ledger charge.
 * Tools and thinking: anthropic-sdk-tools.e2e.test.ts; faults and bad input: anthropic-sdk-faults.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBuiltinCatalog } from '../../src/catalog/catalog.js';
import {
  FAMILIES,
  FAMILIES_BY_MODE,
  type Family,
  type ImageServer,
  PNG_BASE64,
  startImageServer,
} from './anthropic-sdk-families.js';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

let gateway: Gateway;
let client: Anthropic;
let images: ImageServer;

beforeAll(async () => {
  [gateway, images] = await Promise.all([startGateway(), startImageServer()]);
  client = new Anthropic({ apiKey: ADMIN_KEY, baseURL: gateway.origin, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.close();
  await images?.close();
});

type Params = Anthropic.MessageCreateParamsNonStreaming;

/** One request, JSON or streamed through the SDK's MessageStream; the final message and its headers. */
async function ask(
  sdk: Anthropic,
  params: Params,
  mode: 'json' | 'stream',
): Promise<{ message: Anthropic.Message; headers: Headers; events: string[] }> {
  if (mode === 'json') {
    const { data, response } = await sdk.messages.create(params).withResponse();
    return { message: data, headers: response.headers, events: [] };
  }
  const stream = sdk.messages.stream(params);
  const events: string[] = [];
  stream.on('streamEvent', (event) => events.push(event.type));
  const { response } = await stream.withResponse();
  const message = await stream.finalMessage();
  return { message, headers: response.headers, events };
}

describe('Anthropic SDK → Messages surface, every upstream family', () => {
  it.each(FAMILIES_BY_MODE)('answers text from %s (%s) in Anthropic shape', async (model, mode, family) => {
    const { message, headers, events } = await ask(
      client,
      {
        model,
        max_tokens: 256,
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'Say hello' }],
      },
      mode,
    );
    expect(message).toMatchObject({ type: 'message', role: 'assistant', model, stop_reason: 'end_turn' });
    expect(message.id).toMatch(/^msg_/);
    expect(message.stop_sequence).toBeNull();
    expect(message.content).toEqual([{ type: 'text', text: `Hello from ${family.label} emulator: Say hello` }]);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    // Anthropic's clients read `request-id` for support tickets; AIHub's own id is on every answer.
    expect(headers.get('request-id')).toBeTruthy();
    expect(headers.get('x-request-id')).toBeTruthy();
    if (mode === 'stream') {
      expect(events[0]).toBe('message_start');
      expect(events.at(-1)).toBe('message_stop');
      expect(events).toContain('content_block_delta');
    }
  });

  it.each(FAMILIES_BY_MODE)('sends base64 and URL images to %s (%s)', async (model, mode, family) => {
    const upstream = family.upstream(gateway);
    const before = upstream.requests.length;
    const { message } = await ask(
      client,
      {
        model,
        max_tokens: 256,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
              { type: 'image', source: { type: 'url', url: images.url } },
              { type: 'text', text: 'What is in these images?' },
            ],
          },
        ],
      },
      mode,
    );
    expect(message.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('What is in these') });
    expect(upstream.requests.length).toBe(before + 1);
    const sent = upstream.requests.at(-1)?.body;
    if (family.model.startsWith('claude')) {
      // Pass-through: both image blocks exactly as the client sent them.
      expect(sent.messages[0].content.slice(0, 2)).toEqual([
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
        { type: 'image', source: { type: 'url', url: images.url } },
      ]);
    } else if (family.model.startsWith('gemini')) {
      const parts = sent.contents[0].parts;
      expect(parts.slice(0, 2)).toEqual([
        { inlineData: { mimeType: 'image/png', data: PNG_BASE64 } },
        { inlineData: { mimeType: 'image/png', data: PNG_BASE64 } },
      ]);
    } else {
      const content = sent.messages.at(-1).content;
      expect(content.filter((part: { type: string }) => part.type === 'image_url')).toHaveLength(2);
      expect(content[0].image_url.url).toBe(`data:image/png;base64,${PNG_BASE64}`);
    }
  });

  it.each(FAMILIES_BY_MODE)('stops at max_tokens on %s (%s)', async (model, mode) => {
    const { message } = await ask(
      client,
      {
        model,
        max_tokens: 3,
        messages: [{ role: 'user', content: 'Tell me a long story about a lighthouse keeper' }],
      },
      mode,
    );
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.stop_sequence).toBeNull();
    expect(message.content[0]?.type).toBe('text');
  });

  it.each(FAMILIES_BY_MODE)('ends at a stop sequence on %s (%s)', async (model, mode, family) => {
    const { message } = await ask(
      client,
      { model, max_tokens: 256, stop_sequences: ['zzz', 'emulator'], messages: [{ role: 'user', content: 'Hi' }] },
      mode,
    );
    expect(message.content).toEqual([{ type: 'text', text: `Hello from ${family.label} ` }]);
    const sent = family.upstream(gateway).requests.at(-1)?.body;
    if (family.passThrough) {
      expect(message).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'emulator' });
      expect(sent.stop_sequences).toEqual(['zzz', 'emulator']);
      return;
    }
    // Decision: OpenAI and Gemini end a stop-sequence answer with a plain stop and never say which
    // sequence (or whether one) matched, so a translated answer is an `end_turn`, not a guess.
    expect(message).toMatchObject({ stop_reason: 'end_turn', stop_sequence: null });
    const forwarded = family.model.startsWith('gemini') ? sent.generationConfig.stopSequences : sent.stop;
    expect(forwarded).toEqual(['zzz', 'emulator']);
  });

  it.each(['json', 'stream'] as const)(
    'reports Claude cache writes by lifetime and cache reads in Anthropic fields (%s)',
    async (mode) => {
      gateway.anthropic.enqueue({
        usage: {
          inputTokens: 12_000,
          outputTokens: 20,
          cachedTokens: 3_000,
          cacheWriteTokens: 8_000,
          cacheWrite1hTokens: 6_000,
        },
      });
      const { message } = await ask(
        client,
        { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'cached hello' }] },
        mode,
      );
      expect(message.usage).toMatchObject({
        input_tokens: 1_000,
        output_tokens: 20,
        cache_creation_input_tokens: 8_000,
        cache_read_input_tokens: 3_000,
        cache_creation: { ephemeral_5m_input_tokens: 2_000, ephemeral_1h_input_tokens: 6_000 },
      });
    },
  );

  it.each(FAMILIES_BY_MODE.filter(([model]) => !model.startsWith('claude')))(
    'reports a translated upstream’s cached input as cache_read_input_tokens (%s, %s)',
    async (model, mode, family) => {
      family.upstream(gateway).enqueue({ usage: { inputTokens: 5_000, outputTokens: 12, cachedTokens: 4_096 } });
      const { message } = await ask(
        client,
        { model, max_tokens: 64, messages: [{ role: 'user', content: 'cached hello' }] },
        mode,
      );
      expect(message.usage).toMatchObject({
        input_tokens: 5_000 - 4_096,
        output_tokens: 12,
        cache_read_input_tokens: 4_096,
        cache_creation_input_tokens: 0,
      });
    },
  );

  it.each(FAMILIES_BY_MODE)(
    'answers structured output (output_config.format) from %s (%s)',
    async (model, mode, family) => {
      const schema = {
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
        additionalProperties: false,
      };
      const { message } = await ask(
        client,
        {
          model,
          max_tokens: 256,
          output_config: { format: { type: 'json_schema', schema } },
          messages: [{ role: 'user', content: 'Where is the Eiffel tower?' }],
        },
        mode,
      );
      const text = message.content[0]?.type === 'text' ? message.content[0].text : '';
      expect(JSON.parse(text)).toEqual({ city: 'Paris' });
      const sent = family.upstream(gateway).requests.at(-1)?.body;
      if (family.passThrough) expect(sent.output_config).toEqual({ format: { type: 'json_schema', schema } });
      else if (family.model.startsWith('gemini'))
        expect(sent.generationConfig.responseMimeType).toBe('application/json');
      else expect(sent.response_format).toMatchObject({ type: 'json_schema' });
    },
  );

  it('asks Claude for an OpenAI client’s JSON schema with output_config.format, not a system instruction', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const response = await fetch(`${gateway.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'claude-sonnet-4-5',
        messages: [{ role: 'user', content: 'Where is the Eiffel tower?' }],
        response_format: { type: 'json_schema', json_schema: { name: 'place', schema, strict: true } },
      }),
    });
    const completion = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    expect(JSON.parse(completion.choices[0].message.content)).toEqual({ city: 'Paris' });
    const sent = gateway.anthropic.requests.at(-1)?.body;
    expect(sent.output_config).toEqual({ format: { type: 'json_schema', schema } });
    expect(sent.system).toBeUndefined();
  });

  it.each(FAMILIES)('counts tokens for $model', async (family: Family) => {
    const counted = await client.messages.countTokens({
      model: family.model,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'How many tokens is this sentence?' }],
    });
    expect(counted.input_tokens).toBeGreaterThan(0);
    expect(Object.keys(counted)).toEqual(['input_tokens']);
  });

  it('lists models in Anthropic’s list shape through client.models.list()', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) {
      expect(model.type).toBe('model');
      expect(typeof model.display_name).toBe('string');
      expect(typeof model.created_at).toBe('string');
      // Chat models, and the image models that answer a chat (Gemini's, through the Gemini channel).
      expect(['chat', 'image']).toContain((model as Anthropic.ModelInfo & { kind?: string }).kind);
      ids.push(model.id);
    }
    expect(ids).toEqual(expect.arrayContaining(FAMILIES.map((family) => family.model)));
  });
});

describe('the request log and the ledger for Messages requests', () => {
  let user: Session;
  let userClient: Anthropic;

  beforeAll(async () => {
    user = await register(gateway, 'messages-sdk@example.com');
    const topUp = await asAdmin(gateway, 'POST', `/api/admin/users/${user.userId}/adjust`, {
      amount: 10_000_000,
      reason: 'anthropic sdk test credit',
    });
    expect(topUp.status).toBe(200);
    const key = await createKey(gateway, user);
    // Claude Code's way: the key as a Bearer token (ANTHROPIC_AUTH_TOKEN).
    userClient = new Anthropic({ authToken: key.key, apiKey: null, baseURL: gateway.origin, maxRetries: 0 });
  });

  it.each(FAMILIES_BY_MODE)(
    'logs %s (%s) as anthropic-messages and charges its usage at list price',
    async (model, mode, family) => {
      // Claude reports cache writes of both lifetimes and a read; the others a cached prefix.
      family.upstream(gateway).enqueue({
        usage: family.passThrough
          ? {
              inputTokens: 12_000,
              outputTokens: 20,
              cachedTokens: 3_000,
              cacheWriteTokens: 8_000,
              cacheWrite1hTokens: 6_000,
            }
          : { inputTokens: 5_000, outputTokens: 40, cachedTokens: 1_000 },
      });
      const { message, headers } = await ask(
        userClient,
        { model, max_tokens: 128, messages: [{ role: 'user', content: 'Log me please' }] },
        mode,
      );
      const requestId = headers.get('x-request-id') as string;
      const log = await waitForLog(gateway, user, requestId);
      expect(log).toMatchObject({
        surface: 'anthropic-messages',
        modelRequested: model,
        status: 200,
        stream: mode === 'stream',
      });
      const usage = message.usage;
      expect(log).toMatchObject({
        promptTokens:
          usage.input_tokens + (usage.cache_read_input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0),
        cachedTokens: usage.cache_read_input_tokens ?? 0,
        cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
        cacheWrite1hTokens: usage.cache_creation?.ephemeral_1h_input_tokens ?? 0,
        completionTokens: usage.output_tokens,
        cost: listPrice(family.provider, model, usage),
      });
      expect(log.cost).toBeGreaterThan(0);

      const ledger = await asUser(gateway, user, 'GET', '/api/ledger');
      const charge = ledger.json.data.find((entry: { reference: string }) => entry.reference === requestId);
      expect(charge).toMatchObject({ kind: 'charge', amount: -log.cost });

      const listed = await asUser(gateway, user, 'GET', '/api/logs?api=anthropic-messages');
      expect(listed.json.data.map((row: { id: string }) => row.id)).toContain(requestId);
      expect(listed.json.data.every((row: { surface: string }) => row.surface === 'anthropic-messages')).toBe(true);
      const otherSurface = await asUser(gateway, user, 'GET', '/api/logs?api=openai-chat');
      expect(otherSurface.json.data.map((row: { id: string }) => row.id)).not.toContain(requestId);
    },
  );
});

/**
 * The catalog's list price of a Messages usage, in units (1e-6 USD, prices per 1M tokens), rounded
 * once half up: computed here from Anthropic's usage fields, independently of src/billing.
 */
function listPrice(provider: string, model: string, usage: Anthropic.Usage): number {
  const prices = getBuiltinCatalog().get(provider, model)?.prices ?? {};
  const price = (value: number | undefined) => BigInt(value ?? 0);
  const oneHour = usage.cache_creation?.ephemeral_1h_input_tokens ?? 0;
  const fiveMinutes = (usage.cache_creation_input_tokens ?? 0) - oneHour;
  const micro =
    BigInt(usage.input_tokens) * price(prices.input) +
    BigInt(usage.cache_read_input_tokens ?? 0) * price(prices.cacheRead) +
    BigInt(fiveMinutes) * price(prices.cacheWrite) +
    BigInt(oneHour) * price(prices.cacheWrite1h) +
    BigInt(usage.output_tokens) * price(prices.output);
  return Number((micro + 500_000n) / 1_000_000n);
}

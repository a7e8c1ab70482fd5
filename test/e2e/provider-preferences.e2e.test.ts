/**
 * Provider preferences (issue 18, OpenRouter's `provider` object and the `:floor` suffix) against
 * emulators with known prices and controlled latency: one model, `gpt-4.1-mini`, served by three
 * routes of different vendors (OpenAI's own, a DeepSeek channel mapping it to `deepseek-chat`, an
 * Anthropic channel mapping it to `claude-sonnet-4-5`), whose sale prices come from the catalog.
 * Through the official `openai` package, the parameters passed as users pass extra body fields.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session } from './platform-client.js';

const MODEL = 'gpt-4.1-mini';

describe('provider preferences', () => {
  let gateway: Gateway;
  let user: Session;
  let client: OpenAI;

  beforeAll(async () => {
    gateway = await startGateway();
    user = await register(gateway, 'provider-prefs@example.com');
    client = new OpenAI({ apiKey: (await createKey(gateway, user)).key, baseURL: gateway.baseURL, maxRetries: 0 });
    for (const [name, type, url, upstream] of [
      ['ds-alias', 'deepseek', gateway.deepseek.url, 'deepseek-chat'],
      ['claude-alias', 'anthropic', gateway.anthropic.url, 'claude-sonnet-4-5'],
    ] as const) {
      const created = await asAdmin(gateway, 'POST', '/api/admin/channels', {
        name,
        type,
        baseUrl: url,
        keys: ['test-key'],
        models: [MODEL],
        modelMapping: { [MODEL]: upstream },
      });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
    }
  });
  afterAll(() => gateway?.close());
  beforeEach(() => {
    for (const emulator of [gateway.openai, gateway.deepseek, gateway.anthropic]) emulator.reset();
  });

  type Extra = Record<string, unknown>;
  async function ask(extra: Extra = {}, model = MODEL) {
    const { data, response } = await client.chat.completions
      .create({
        model,
        messages: [{ role: 'user', content: 'route me' }],
        max_tokens: 50,
        ...extra,
      } as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .withResponse();
    return { data, vendor: response.headers.get('x-aihub-provider'), headers: response.headers };
  }
  async function refused(extra: Extra) {
    return (await client.chat.completions
      .create({
        model: MODEL,
        messages: [{ role: 'user', content: 'x' }],
        ...extra,
      } as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .catch((error: unknown) => error)) as InstanceType<typeof OpenAI.APIError>;
  }
  const upstreamCalls = () =>
    gateway.openai.requestCount + gateway.deepseek.requestCount + gateway.anthropic.requestCount;

  it('tries the vendors of provider.order first, in its order', async () => {
    expect((await ask({ provider: { order: ['deepseek'] } })).vendor).toBe('deepseek');
    expect((await ask({ provider: { order: ['anthropic', 'deepseek'] } })).vendor).toBe('anthropic');
    expect((await ask({ provider: { order: ['openai'] } })).vendor).toBe('openai');
  });

  it('keeps to provider.only and away from provider.ignore', async () => {
    for (let i = 0; i < 4; i++) {
      expect((await ask({ provider: { only: ['deepseek'] } })).vendor).toBe('deepseek');
      expect(['openai', 'anthropic']).toContain((await ask({ provider: { ignore: ['deepseek'] } })).vendor);
    }
    const none = await refused({ provider: { only: ['mistral'] } });
    expect(none.status).toBe(404);
    expect(none.code).toBe('no_provider_matches');
  });

  it('sorts by price (provider.sort, or the :floor suffix): DeepSeek’s route is the cheapest', async () => {
    // Catalog: deepseek-chat $0.28/$0.42, gpt-4.1-mini $0.40/$1.60, claude-sonnet-4-5 $3/$15 per 1M.
    for (let i = 0; i < 3; i++) {
      expect((await ask({ provider: { sort: 'price' } })).vendor).toBe('deepseek');
      const floor = await ask({}, `${MODEL}:floor`);
      expect(floor.vendor).toBe('deepseek');
      expect(floor.data.model).not.toContain(':floor');
    }
  });

  it('refuses a max_price no route meets with a 400 naming it, calling no upstream and charging nothing', async () => {
    const before = (await asUser(gateway, user, 'GET', '/api/balance')).json;
    const failure = await refused({ provider: { max_price: { prompt: 0.1, completion: 0.1 } } });
    expect(failure.status).toBe(400);
    expect(failure.code).toBe('max_price_exceeded');
    expect(failure.param).toBe('provider.max_price');
    expect(failure.message).toMatch(/max_price/);
    expect(upstreamCalls()).toBe(0);
    expect((await asUser(gateway, user, 'GET', '/api/balance')).json).toEqual(before);
  });

  it('serves only the routes under max_price', async () => {
    for (let i = 0; i < 4; i++) {
      const { vendor } = await ask({ provider: { max_price: { prompt: 0.5, completion: 2 } } });
      expect(['openai', 'deepseek']).toContain(vendor);
    }
    for (let i = 0; i < 3; i++)
      expect((await ask({ provider: { max_price: { completion: 0.5 } } })).vendor).toBe('deepseek');
  });

  it('with require_parameters skips a route whose vendor would drop a parameter', async () => {
    // Anthropic takes no `logit_bias`: without require_parameters it is dropped and said so.
    const dropped = await ask({ logit_bias: { '50256': -100 }, provider: { order: ['anthropic'] } });
    expect(dropped.vendor).toBe('anthropic');
    expect(dropped.headers.get('x-aihub-dropped-params')).toContain('logit_bias');
    const kept = await ask({
      logit_bias: { '50256': -100 },
      provider: { order: ['anthropic'], require_parameters: true },
    });
    expect(kept.vendor).not.toBe('anthropic');
    expect(kept.headers.get('x-aihub-dropped-params')).toBeNull();
  });

  it('with allow_fallbacks false stays on the order’s vendors even when they fail', async () => {
    for (let i = 0; i < 5; i++) gateway.deepseek.enqueue({ fault: { type: 'http-error', status: 503 } });
    const failure = await refused({ provider: { order: ['deepseek'], allow_fallbacks: false } });
    expect(failure.status).toBeGreaterThanOrEqual(500);
    expect(gateway.openai.requestCount + gateway.anthropic.requestCount).toBe(0);
    gateway.deepseek.reset();
    for (let i = 0; i < 5; i++) gateway.deepseek.enqueue({ fault: { type: 'http-error', status: 503 } });
    const fellBack = await ask({ provider: { order: ['deepseek'] } });
    expect(['openai', 'anthropic']).toContain(fellBack.vendor);
  });

  it('sorts by latency once it has measured the routes', async () => {
    gateway.deepseek.enqueue({ headersDelayMs: 400 });
    gateway.deepseek.enqueue({ headersDelayMs: 400 });
    await ask({ provider: { only: ['deepseek'] } });
    await ask({ provider: { only: ['deepseek'] } });
    await ask({ provider: { only: ['openai'] } });
    await ask({ provider: { only: ['anthropic'] } });
    for (let i = 0; i < 3; i++)
      expect((await ask({ provider: { sort: 'latency', ignore: ['anthropic'] } })).vendor).toBe('openai');
    // The operator sees what was measured, per channel and upstream model.
    const speed = await asAdmin(gateway, 'GET', '/api/admin/routing/speed');
    expect(speed.status).toBe(200);
    const ttft = (model: string) =>
      speed.json.data.find((row: { model: string; ttftMs: number }) => row.model === model)?.ttftMs as number;
    expect(ttft('deepseek-chat')).toBeGreaterThan(ttft(MODEL));
  });

  it('refuses malformed preferences with a 400 naming the field', async () => {
    for (const provider of [{ sort: 'cheapest' }, { order: 'deepseek' }, { max_price: { prompt: -1 } }, 'openai']) {
      const failure = await refused({ provider });
      expect(failure.status).toBe(400);
      expect(failure.message).toMatch(/provider/);
    }
    expect(upstreamCalls()).toBe(0);
  });
});

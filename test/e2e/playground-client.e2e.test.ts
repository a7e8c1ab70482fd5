/**
 * The console playground's stream client (web/src/features/playground/chat-stream.ts) through a
 * real AIHub: the session's playground credential streams a completion, the response headers say
 * how it was served, the log row is marked playground, the cost estimated from /api/models is the
 * cost logged, and after logout the key is refused with a 401 the client recognises as "get a new
 * credential".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChatStreamEvent,
  type ChatStreamOptions,
  type ChatStreamResult,
  isCredentialRejected,
  streamChatCompletion,
} from '../../web/src/features/playground/chat-stream.js';
import {
  type CatalogModelPrice,
  estimateReplyCost,
  fetchLoggedCost,
  findModelPrice,
} from '../../web/src/features/playground/cost.js';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asUser, register, waitForLog } from './platform-client.js';

async function collect(options: ChatStreamOptions): Promise<ChatStreamResult> {
  let last: ChatStreamEvent | undefined;
  for await (const event of streamChatCompletion(options)) last = event;
  if (last?.type !== 'done') throw new Error('the stream did not end with done');
  return last.result;
}

const ask = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4.1-mini',
  messages: [{ role: 'user', content }],
  ...extra,
});

describe('streamChatCompletion through AIHub with the playground credential', () => {
  let gateway: Gateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('streams with the session’s credential and reports how AIHub served it', async () => {
    const session = await register(gateway, 'stream-client@example.com');
    const credential = await asUser(gateway, session, 'POST', '/api/playground/credential');
    const result = await collect({
      baseUrl: gateway.baseURL,
      apiKey: credential.json.key,
      body: ask('Hi from the playground', { max_tokens: 50 }),
    });
    expect(result.choices[0]!.content).toBe('Hello from OpenAI emulator: Hi from the playground');
    expect(result.response).toMatchObject({
      requestId: expect.any(String),
      model: expect.stringContaining('gpt-4.1-mini'),
      provider: 'openai',
      attempts: 1,
    });
    expect(result.usage!.completionTokens).toBeGreaterThan(0);
    const log = await waitForLog(gateway, session, result.response!.requestId!);
    expect(log).toMatchObject({ keyKind: 'playground', stream: true });
    expect(log.cost).toBeGreaterThan(0);

    // The estimate from the usage and the caller's sale price is exactly what was charged.
    const models = (await asUser(gateway, session, 'GET', '/api/models')).json.data as CatalogModelPrice[];
    const price = findModelPrice(models, 'gpt-4.1-mini', result.response!.provider);
    expect(price).toBeDefined();
    expect(estimateReplyCost(result.usage!, price!).units).toBe(log.cost);
    const logged = await fetchLoggedCost(result.response!.requestId!, {
      baseUrl: gateway.origin,
      fetch: (url, init) => fetch(url, { ...init, headers: { ...init?.headers, cookie: session.cookie } }),
    });
    expect(logged).toMatchObject({ cost: log.cost, usageEstimated: false, cachedResponse: false });

    expect((await asUser(gateway, session, 'POST', '/api/auth/logout')).status).toBe(204);
    const refused = await collect({ baseUrl: gateway.baseURL, apiKey: credential.json.key, body: ask('again') }).catch(
      (caught) => caught,
    );
    expect(isCredentialRejected(refused)).toBe(true);
    expect(refused).toMatchObject({ status: 401, code: 'invalid_api_key', requestId: expect.any(String) });
  });

  it('reads one-hour cache writes from the usage and estimates them at their own price, as charged', async () => {
    const session = await register(gateway, 'stream-client-cache@example.com');
    const credential = await asUser(gateway, session, 'POST', '/api/playground/credential');
    gateway.anthropic.enqueue({
      usage: {
        inputTokens: 8_157,
        outputTokens: 33,
        cachedTokens: 50,
        cacheWriteTokens: 8_000,
        cacheWrite1hTokens: 6_001,
      },
    });
    const result = await collect({
      baseUrl: gateway.baseURL,
      apiKey: credential.json.key,
      body: { ...ask('Cache this', { max_tokens: 50 }), model: 'claude-sonnet-4-5' },
    });
    expect(result.usage).toMatchObject({
      promptTokens: 8_157,
      cachedTokens: 50,
      cacheWriteTokens: 8_000,
      cacheWrite1hTokens: 6_001,
    });
    const log = await waitForLog(gateway, session, result.response!.requestId!);
    expect(log).toMatchObject({ cacheWriteTokens: 8_000, cacheWrite1hTokens: 6_001 });

    const models = (await asUser(gateway, session, 'GET', '/api/models')).json.data as CatalogModelPrice[];
    const price = findModelPrice(models, 'claude-sonnet-4-5', result.response!.provider);
    expect(price?.cacheWrite1h).toBeGreaterThan(price?.cacheWrite ?? 0);
    expect(estimateReplyCost(result.usage!, price!).units).toBe(log.cost);
    // Priced as five-minute writes, the same usage would be estimated below the charge.
    expect(estimateReplyCost({ ...result.usage!, cacheWrite1hTokens: 0 }, price!).units).toBeLessThan(log.cost);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

const ask = (model: string, content = 'Hello') => ({ model, messages: [{ role: 'user', content }], max_tokens: 50 });

async function post(gateway: Gateway, key: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as any };
}

describe('running the gateway: channels, limits and the response cache', () => {
  let gateway: Gateway;
  let extra: Emulator;
  let user: Session;

  beforeAll(async () => {
    gateway = await startGateway();
    extra = await startOpenAIEmulator({ label: 'Vendor X', apiKey: 'x-key' });
    user = await register(gateway, 'operator-e2e@example.com');
  });
  afterAll(async () => {
    await gateway?.close();
    await extra?.close();
  });

  it('routes to a channel an admin adds at run time, at once, and tests it', async () => {
    const { key } = await createKey(gateway, user);
    const before = await post(gateway, key, ask('vendor-x-large'));
    expect(before.status).toBe(404);

    const created = await asAdmin(gateway, 'POST', '/api/admin/channels', {
      name: 'vendor-x',
      type: 'custom',
      baseUrl: extra.url,
      keys: ['x-key'],
      models: ['vendor-x-*'],
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.json)).not.toContain('x-key"');
    // Unpriced models are refused to metered keys until the operator prices them…
    const unpriced = await post(gateway, key, ask('vendor-x-large'));
    expect(unpriced.status).toBe(403);
    expect(unpriced.json.error.code).toBe('model_price_unknown');
    // …and served once a fixed price exists.
    const priced = await asAdmin(gateway, 'PUT', '/api/admin/prices', {
      models: { 'vendor-x-large': { fixed: { input: 1_000_000, output: 2_000_000 } } },
    });
    expect(priced.status, JSON.stringify(priced.json)).toBe(200);
    const served = await post(gateway, key, ask('vendor-x-large'));
    expect(served.status).toBe(200);
    expect(served.json.choices[0].message.content).toContain('Hello from Vendor X emulator');

    const test = await asAdmin(gateway, 'POST', `/api/admin/channels/${created.json.id}/test`, {
      model: 'vendor-x-large',
    });
    expect(test.json).toMatchObject({ ok: true });
    expect(test.json.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('enforces a key’s requests-per-minute limit with OpenAI’s 429 and headers', async () => {
    const limited = await asUser(gateway, user, 'POST', '/api/keys', { name: 'rpm', rpmLimit: 2 });
    const key = limited.json.key as string;
    const first = await post(gateway, key, ask('gpt-4.1-mini'));
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    expect((await post(gateway, key, ask('gpt-4.1-mini'))).status).toBe(200);
    const refused = await post(gateway, key, ask('gpt-4.1-mini'));
    expect(refused.status).toBe(429);
    expect(refused.json.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit_exceeded' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
  });

  it('answers a repeated request from the cache when asked, free, and says so in headers and logs', async () => {
    const { key } = await createKey(gateway, user);
    const body = ask('gpt-4.1-mini', 'Cache me');
    const calls = gateway.openai.requestCount;
    const miss = await post(gateway, key, body, { 'x-aihub-cache': 'on' });
    expect(miss.headers.get('x-aihub-cache')).toBe('miss');
    const balanceAfterMiss = (await asUser(gateway, user, 'GET', '/api/balance')).json.balance;
    const hit = await post(gateway, key, body, { 'x-aihub-cache': 'on' });
    expect(hit.headers.get('x-aihub-cache')).toBe('hit');
    expect(hit.json.choices[0].message.content).toBe(miss.json.choices[0].message.content);
    expect(gateway.openai.requestCount).toBe(calls + 1);
    const log = await waitForLog(gateway, user, hit.headers.get('x-request-id') as string);
    expect(log).toMatchObject({ cachedResponse: true, cost: 0 });
    expect((await asUser(gateway, user, 'GET', '/api/balance')).json.balance).toBe(balanceAfterMiss);
    const bypass = await post(gateway, key, body);
    expect(bypass.headers.get('x-aihub-cache')).toBe('bypass');
  });

  it('shows admins which keys cool down and which breakers are open', async () => {
    const health = await asAdmin(gateway, 'GET', '/api/admin/routing/health');
    expect(health.status).toBe(200);
  });
});
